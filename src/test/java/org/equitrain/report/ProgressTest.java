package org.equitrain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar in logs (a line per 10%) and on a terminal (redrawn in place), fed from many threads. */
class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void logPrintsALinePerTenPercentWithRateAndEta() {
        try (Progress p = new Progress("epochs", 200, out, false, clock::get)) {
            for (int i = 0; i < 200; i++) {
                clock.addAndGet(50_000_000L); // 20 units per second
                p.advance(1);
            }
        }
        String[] lines = output().split("\n");
        assertEquals(10, lines.length, output());
        assertEquals("epochs  10% 20/200 20.0/s ETA 0:09", lines[0]);
        assertEquals("epochs  50% 100/200 20.0/s ETA 0:05", lines[4]);
        assertEquals("epochs 100% 200/200 20.0/s in 0:10", lines[9]);
        assertFalse(output().contains("\r"), "no carriage returns in logs");
    }

    @Test
    void logSaysWhereWorkStopped() {
        Progress p = new Progress("seeds", 10, out, false, clock::get);
        p.advance(3);
        clock.addAndGet(2_000_000_000L);
        p.close();
        p.close();
        String[] lines = output().split("\n");
        assertEquals(List.of("seeds  30% 3/10 ETA ?", "seeds: stopped at 3/10 after 0:02"), List.of(lines));
    }

    @Test
    void advanceIsThreadSafe() throws Exception {
        int threads = 8;
        int each = 5000;
        Progress p = Progress.start("batches", (long) threads * each, out, false);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    p.advance(1);
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        p.close();
        assertEquals((long) threads * each, p.done());
        String[] lines = output().split("\n");
        assertEquals(10, lines.length, "each decile printed once: " + output());
        for (int d = 1; d <= 10; d++) {
            assertTrue(lines[d - 1].startsWith(String.format("batches %3d%%", d * 10)), lines[d - 1]);
        }
    }

    @Test
    void terminalRedrawsInPlaceAtMostEveryTenthOfASecond() {
        Progress p = new Progress("train", 4, out, true, clock::get);
        p.advance(1); // first draw
        p.advance(1); // same instant: throttled
        clock.addAndGet(200_000_000L);
        p.advance(1); // drawn
        clock.addAndGet(200_000_000L);
        p.advance(1); // complete: drawn
        p.close();
        String s = output();
        assertEquals(4, s.chars().filter(c -> c == '\r').count(), s);
        assertTrue(s.contains("\rtrain [======                  ]  25% 1/4"), s);
        assertTrue(s.contains("train [========================] 100% 4/4 10.0/s in 0:00"), s);
        assertTrue(s.endsWith("\n"), "close ends the line");
    }

    @Test
    void emptyWorkIsComplete() {
        try (Progress p = new Progress("nothing", 0, out, false, clock::get)) {
            p.advance(0);
        }
        assertTrue(output().startsWith("nothing 100% 0/0"), output());
    }
}
