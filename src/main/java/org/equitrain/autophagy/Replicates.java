package org.equitrain.autophagy;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
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
     * Runs {@code body} for replicates 0..count−1 on {@code threads} workers; a replicate's unchecked exception or
     * error is rethrown as it is ({@code what} names the simulation if it is interrupted).
     */
    public static void run(int count, long seed, int threads, String what, Body body) {
        long base = new SplittableRandom(seed).nextLong(); // so that nearby seeds share no replicates
        // ForkJoinTask.get() rethrows a worker's exception as a new one of its class wrapping it (message:
        // "java.lang.IllegalArgumentException: …"); the first failure is kept to be rethrown itself.
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ForkJoinPool workers = new ForkJoinPool(threads);
        try {
            workers.submit(() -> IntStream.range(0, count).parallel().forEach(r -> {
                try {
                    body.run(new SplittableRandom(base + r).nextLong(), r);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                    throw e;
                }
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = failure.get() != null ? failure.get() : e.getCause();
            if (cause instanceof Error error) { // an OutOfMemoryError stays one
                throw error;
            }
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        } finally {
            workers.shutdown();
        }
    }
}
