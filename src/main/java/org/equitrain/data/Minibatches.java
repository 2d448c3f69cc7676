package org.equitrain.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.tensor.Permutations;

/**
 * Seeded minibatch row indices: each epoch is an independent seeded permutation of 0..n-1 cut into batches, so
 * {@code epoch(e)} is reproducible on its own, in any order. The last batch is smaller when {@code batchSize}
 * does not divide n, unless {@link #dropLast()} is set.
 */
public final class Minibatches {
    private final int n;
    private final int batchSize;
    private final long seed;
    private final boolean dropLast;

    /** Batches of {@code batchSize} (at least 1) over rows 0..n-1, reshuffled each epoch from {@code seed}. */
    public Minibatches(int n, int batchSize, long seed) {
        this(n, batchSize, seed, false);
    }

    private Minibatches(int n, int batchSize, long seed, boolean dropLast) {
        if (batchSize <= 0 || n < 0) {
            throw new IllegalArgumentException("batch size " + batchSize + " over " + n + " rows");
        }
        this.n = n;
        this.batchSize = batchSize;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    /** The same batches without the final partial batch. */
    public Minibatches dropLast() {
        return new Minibatches(n, batchSize, seed, true);
    }

    /** Number of batches in every epoch. */
    public int batchesPerEpoch() {
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The batches of epoch {@code epoch} (0-based). */
    public List<int[]> epoch(int epoch) {
        int[] perm = Permutations.identity(n);
        Permutations.shuffle(perm, new SplittableRandom(mix(seed, epoch)));
        List<int[]> out = new ArrayList<>(batchesPerEpoch());
        for (int b = 0; b < batchesPerEpoch(); b++) {
            out.add(Arrays.copyOfRange(perm, b * batchSize, Math.min(n, (b + 1) * batchSize)));
        }
        return out;
    }

    /** A per-epoch seed: the SplitMix64 finaliser of (seed, epoch), so epochs do not share shifted streams. */
    private static long mix(long seed, int epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
