package org.equitrain.autophagy;

import java.util.SplittableRandom;
import org.equitrain.concurrent.ParallelRange;

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
     * error is rethrown as it is.
     */
    public static void run(int count, long seed, int threads, Body body) {
        long base = new SplittableRandom(seed).nextLong(); // so that nearby seeds share no replicates
        ParallelRange.forEach(count, threads, r -> body.run(new SplittableRandom(base + r).nextLong(), r));
    }
}
