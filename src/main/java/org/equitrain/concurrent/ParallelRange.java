package org.equitrain.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs {@code body(i)} for i = 0..count−1 in parallel and rethrows a failing index's own exception or error.
 *
 * <p>A parallel stream, and {@code ForkJoinTask.get()}, rethrow a worker thread's exception as a new one of its class
 * wrapping it, so a user read "java.lang.IllegalArgumentException: …" for a message, and an
 * {@link OutOfMemoryError} came back as another type. Here the first failure is kept and rethrown itself; the other
 * indices may or may not have run.
 */
public final class ParallelRange {
    private ParallelRange() {
    }

    /** On the common fork-join pool, as a parallel stream runs. */
    public static void forEach(int count, IntConsumer body) {
        FirstFailure failure = new FirstFailure();
        try {
            IntStream.range(0, count).parallel().forEach(failure.recording(body));
        } catch (RuntimeException | Error e) {
            throw failure.orElse(e);
        }
    }

    /** On a pool of its own with {@code threads} workers; an interrupt while waiting is an IllegalStateException. */
    public static void forEach(int count, int threads, IntConsumer body) {
        FirstFailure failure = new FirstFailure();
        ForkJoinPool workers = new ForkJoinPool(threads);
        try {
            workers.submit(() -> IntStream.range(0, count).parallel().forEach(failure.recording(body))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + count + " parallel tasks ran", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw failure.orElse(cause instanceof RuntimeException || cause instanceof Error ? cause
                    : new IllegalStateException(cause));
        } finally {
            workers.shutdown();
        }
    }

    /** The first exception or error any index threw. */
    private static final class FirstFailure {
        private final AtomicReference<Throwable> first = new AtomicReference<>();

        IntConsumer recording(IntConsumer body) {
            return i -> {
                try {
                    body.accept(i);
                } catch (RuntimeException | Error e) {
                    first.compareAndSet(null, e);
                    throw e;
                }
            };
        }

        /** Throws the recorded failure as it was thrown, or {@code fallback} when none was recorded. */
        RuntimeException orElse(Throwable fallback) {
            Throwable t = first.get() != null ? first.get() : fallback;
            if (t instanceof Error error) {
                throw error;
            }
            return (RuntimeException) t;
        }
    }
}
