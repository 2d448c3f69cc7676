package org.equitrain.autophagy.ple;

import org.equitrain.tensor.Permutations;
import java.util.SplittableRandom;
import org.equitrain.tensor.Tensor;

/** Epoch-wise shuffled minibatches of a fixed data matrix; see {@link DataSets#minibatches}. */
final class Minibatches implements DataSets {
    private final Tensor data;
    private final int batchSize;
    private final int[] order;
    private int cursor;

    Minibatches(Tensor data, int batchSize) {
        if (data.rank() != 2 || batchSize < 1 || batchSize > data.dim(0)) {
            throw new IllegalArgumentException("minibatches need data [N, d] and 1 <= batch size <= N, got "
                    + data.shape() + " and batch size " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.order = new int[data.dim(0)];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.cursor = order.length; // shuffle on first use
    }

    @Override
    public Tensor next(SplittableRandom rng) {
        if (cursor + batchSize > order.length) {
            Permutations.shuffle(order, rng);
            cursor = 0;
        }
        int d = data.dim(1);
        Tensor batch = Tensor.zeros(data.dtype(), batchSize, d);
        for (int b = 0; b < batchSize; b++) {
            int row = order[cursor + b];
            for (int j = 0; j < d; j++) {
                batch.setFlat(b * d + j, data.getFlat(row * d + j));
            }
        }
        cursor += batchSize;
        return batch;
    }
}
