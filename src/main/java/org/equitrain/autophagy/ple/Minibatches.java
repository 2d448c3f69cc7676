package org.equitrain.autophagy.ple;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.equitrain.data.Rows;
import org.equitrain.tensor.Permutations;
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
        this.order = Permutations.identity(data.dim(0));
        this.cursor = order.length; // shuffle on first use
    }

    @Override
    public Tensor next(SplittableRandom rng) {
        if (cursor + batchSize > order.length) {
            Permutations.shuffle(order, rng);
            cursor = 0;
        }
        Tensor batch = Rows.select(data, Arrays.copyOfRange(order, cursor, cursor + batchSize));
        cursor += batchSize;
        return batch;
    }
}
