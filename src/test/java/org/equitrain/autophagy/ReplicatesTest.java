package org.equitrain.autophagy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Replicates: seeds that depend on (seed, r) alone, and failures that come back as they were thrown. */
class ReplicatesTest {
    private static long[] seeds(int threads) {
        long[] seen = new long[6];
        Replicates.run(seen.length, 42, threads, (replicateSeed, r) -> seen[r] = replicateSeed);
        return seen;
    }

    @Test
    void replicateSeedsDoNotDependOnTheThreadCount() {
        assertArrayEquals(seeds(1), seeds(3));
    }

    @Test
    void aReplicatesExceptionOrErrorIsRethrownAsItIs() {
        IllegalArgumentException bad = new IllegalArgumentException("replicate 2 diverged");
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> Replicates.run(4, 1, 2,
                (s, r) -> {
                    if (r == 2) {
                        throw bad;
                    }
                })));
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> Replicates.run(4, 1, 2, (s, r) -> {
            throw oom;
        })));
    }
}
