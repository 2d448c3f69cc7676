package org.equitrain.nn.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.equitrain.tensor.Permutations;

/**
 * Minibatches of example indices 0..n−1: a seeded shuffle per epoch (Fisher–Yates, generator
 * {@code Seeds.derive(seed, SHUFFLE_STREAM, epoch)}), cut into batches of {@code batchSize}; the last, shorter
 * batch is kept unless {@code dropLast} (PyTorch's DataLoader default keeps it). The order of epoch e depends only
 * on (n, batchSize, seed, e), so a resumed run sees the same batches.
 */
public final class IndexBatches {
    static final long SHUFFLE_STREAM = 1;

    private final int examples;
    private final int batchSize;
    private final long seed;
    private final boolean dropLast;

    /**
     * Throws if {@code examples} or {@code batchSize} is below 1, or if {@code dropLast} and {@code batchSize}
     * exceeds {@code examples} (no batch would be left).
     */
    public IndexBatches(int examples, int batchSize, long seed, boolean dropLast) {
        if (examples <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("batching needs examples > 0 and batch size > 0; got " + examples
                    + " and " + batchSize);
        }
        if (dropLast && batchSize > examples) {
            throw new IllegalArgumentException("batch size " + batchSize + " exceeds the " + examples
                    + " examples, so dropping the last partial batch leaves none");
        }
        this.examples = examples;
        this.batchSize = batchSize;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    /** The number of examples n. */
    public int examples() {
        return examples;
    }

    /** The batch size; the last batch of an epoch may be shorter. */
    public int batchSize() {
        return batchSize;
    }

    /** Batches per epoch: {@code ⌈n / batchSize⌉}, or {@code ⌊n / batchSize⌋} with {@code dropLast}. */
    public int batchesPerEpoch() {
        return dropLast ? examples / batchSize : (examples + batchSize - 1) / batchSize;
    }

    /** The shuffled order of epoch {@code epoch}: a permutation of 0..n−1. */
    public int[] order(int epoch) {
        return Permutations.permutation(examples, new SplittableRandom(Seeds.derive(seed, SHUFFLE_STREAM, epoch)));
    }

    /** The batches of epoch {@code epoch}, in order. */
    public int[][] epoch(int epoch) {
        int[] order = order(epoch);
        int[][] batches = new int[batchesPerEpoch()][];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = Arrays.copyOfRange(order, b * batchSize, Math.min(examples, (b + 1) * batchSize));
        }
        return batches;
    }
}
