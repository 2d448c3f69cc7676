package org.equitrain.autophagy;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Runs the replicates of a loop simulation in parallel. Replicate r gets its own seed, derived from (seed, r) alone,
 * so results do not depend on the thread count.
 */
public final class Replicates {
    /** One replicate's work, given its seed and index. */
    @FunctionalInterface
    public interface Body {
        /** Runs replicate {@code r} with its own seed {@code replicateSeed}; may be called from any thread. */
        void run(long replicateSeed, int r);
    }

    private Replicates() {
    }

    /**
     * Runs {@code body} for replicates 0..count−1 on {@code threads} workers; an exception of a replicate is rethrown
     * ({@code what} names the simulation if it is interrupted).
     */
    public static void run(int count, long seed, int threads, String what, Body body) {
        long base = new SplittableRandom(seed).nextLong(); // so that nearby seeds share no replicates
        ForkJoinPool workers = new ForkJoinPool(threads);
        try {
            workers.submit(() -> IntStream.range(0, count).parallel()
                    .forEach(r -> body.run(new SplittableRandom(base + r).nextLong(), r))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            workers.shutdown();
        }
    }
}
