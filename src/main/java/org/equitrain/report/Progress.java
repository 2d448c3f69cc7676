package org.equitrain.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr: label, bar, percent, count, rate and ETA. On an interactive terminal
 * ({@code System.console() != null}) it redraws one line in place with {@code \r} (at most every 100 ms); in logs
 * (CI, redirected output) it prints one line per 10% instead. {@link #advance} is thread-safe.
 *
 * <pre>{@code
 * try (Progress p = Progress.start("FORML epochs", epochs)) {
 *     for (int e = 0; e < epochs; e++) { trainEpoch(); p.advance(1); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 100_000_000L;
    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier clock;
    private final long startNanos;
    private final AtomicLong done = new AtomicLong();
    private volatile long lastDrawNanos;
    private volatile int printedDecile;
    private int lastLineLength;
    private boolean closed;

    Progress(String label, long total, PrintStream out, boolean interactive, LongSupplier clock) {
        if (total < 0) {
            throw new IllegalArgumentException("progress '" + label + "' needs total >= 0, got " + total);
        }
        this.label = label;
        this.total = total;
        this.out = out;
        this.interactive = interactive;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastDrawNanos = startNanos - REDRAW_NANOS; // the first advance draws
    }

    /** A bar on stderr, redrawn in place when stderr is a terminal, one line per 10% otherwise. */
    public static Progress start(String label, long total) {
        return new Progress(label, total, System.err, System.console() != null, System::nanoTime);
    }

    /** A bar on {@code out}; {@code interactive} selects in-place redraws rather than a line per 10%. */
    public static Progress start(String label, long total, PrintStream out, boolean interactive) {
        return new Progress(label, total, out, interactive, System::nanoTime);
    }

    /** Adds {@code n} finished units (from any thread). */
    public void advance(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("progress '" + label + "' cannot go back: advance(" + n + ")");
        }
        long now = done.addAndGet(n);
        boolean due = interactive ? clock.getAsLong() - lastDrawNanos >= REDRAW_NANOS || now >= total
                : decile(now) > printedDecile;
        if (due) {
            draw(false);
        }
    }

    /** Adds one finished unit. */
    public void advance() {
        advance(1);
    }

    /** Units finished so far. */
    public long done() {
        return done.get();
    }

    /** Draws the final state and ends the line; a log gets a closing line when the work stopped short. */
    @Override
    public void close() {
        draw(true);
    }

    private synchronized void draw(boolean closing) {
        if (closed) {
            return;
        }
        long now = clock.getAsLong();
        long count = done.get();
        double elapsed = (now - startNanos) * 1e-9;
        if (interactive) {
            if (!closing && now - lastDrawNanos < REDRAW_NANOS && count < total) {
                return;
            }
            lastDrawNanos = now;
            String line = line(count, elapsed, closing);
            int pad = Math.max(0, lastLineLength - line.length());
            out.print("\r" + line + " ".repeat(pad));
            lastLineLength = line.length();
            if (closing) {
                out.println();
            }
        } else {
            int d = decile(count);
            if (d > printedDecile) {
                printedDecile = d;
                out.println(line(count, elapsed, false));
            } else if (closing && count < total) {
                out.println(label + ": stopped at " + count + "/" + total + " after " + NumberText.duration(elapsed));
            }
        }
        out.flush();
        closed = closing;
    }

    /** The tenths of the work done, 0 to 10 (10 when total is 0). */
    private int decile(long count) {
        return total == 0 ? 10 : (int) Math.min(10, count * 10 / total);
    }

    private String line(long count, double elapsed, boolean closing) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) count / total);
        double rate = elapsed > 0 ? count / elapsed : Double.NaN;
        StringBuilder b = new StringBuilder(label).append(' ');
        if (interactive) {
            int filled = (int) Math.round(fraction * BAR);
            b.append('[').append("=".repeat(filled)).append(" ".repeat(BAR - filled)).append("] ");
        }
        b.append(String.format(Locale.ROOT, "%3d%% %d/%d", (int) Math.floor(fraction * 100), count, total));
        b.append(Double.isFinite(rate) ? " " + rate(rate) + "/s" : "");
        if (count >= total || closing) {
            b.append(" in ").append(NumberText.duration(elapsed));
        } else {
            b.append(" ETA ").append(count > 0 ? NumberText.duration((total - count) / rate) : "?");
        }
        return b.toString();
    }

    private static String rate(double r) {
        String pattern = r >= 100 ? "%.0f" : r >= 1 ? "%.1f" : "%.2g";
        return String.format(Locale.ROOT, pattern, r);
    }
}
