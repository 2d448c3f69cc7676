package org.equitrain.autodiff;

/**
 * Whether ops record the graph on this thread. {@code try (var off = GradMode.off()) { ... }} runs inference with
 * no tape at all: results are plain constants and nothing is retained for a backward pass.
 */
public final class GradMode implements AutoCloseable {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});
    private final boolean previous;

    private GradMode(boolean enabled) {
        boolean[] flag = ENABLED.get();
        previous = flag[0];
        flag[0] = enabled;
    }

    /** A guard that turns graph recording off on this thread until closed. */
    public static GradMode off() {
        return new GradMode(false);
    }

    /** A guard that turns graph recording on on this thread until closed (e.g. inside an {@link #off()} block). */
    public static GradMode on() {
        return new GradMode(true);
    }

    static GradMode set(boolean enabled) {
        return new GradMode(enabled);
    }

    /** Whether ops on this thread currently record the graph. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    @Override
    public void close() {
        ENABLED.get()[0] = previous;
    }
}
