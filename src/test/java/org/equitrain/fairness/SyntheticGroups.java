package org.equitrain.fairness;

import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/** Small seeded two-group binary datasets for the trainer tests: group 1 is rarer and its label is noisier. */
final class SyntheticGroups {
    private SyntheticGroups() {
    }

    static GroupedData of(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor x = Tensor.randn(DType.FLOAT64, rng, n, d);
        int[] y = new int[n];
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            g[i] = i % 3 == 2 ? 1 : 0;
            double score = x.getFlat(i * d) + 0.5 * x.getFlat(i * d + 1) + (g[i] == 1 ? 0.8 * rng.nextGaussian() : 0);
            y[i] = score > 0 ? 1 : 0;
        }
        return new GroupedData(x, y, g, List.of("a", "b"), 1, 2);
    }
}
