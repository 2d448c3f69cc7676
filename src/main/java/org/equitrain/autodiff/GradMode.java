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

    public static GradMode off() {
        return new GradMode(false);
    }

    public static GradMode on() {
        return new GradMode(true);
    }

    static GradMode set(boolean enabled) {
        return new GradMode(enabled);
    }

    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    @Override
    public void close() {
        ENABLED.get()[0] = previous;
    }
}
