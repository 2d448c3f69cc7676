package org.equitrain.data;

import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.tensor.Tensor;

/** Small in-memory datasets for the data tests. */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * n rows, 3 numeric features (feature 0 = row index, so rows can be traced), a binary label and two groups
     * "sex" (F/M) and "race" (a/b/c), drawn with a seed and deliberately unbalanced.
     */
    static Dataset tabular(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * 3];
        int[] y = new int[n];
        int[] sex = new int[n];
        int[] race = new int[n];
        for (int i = 0; i < n; i++) {
            x[i * 3] = i;
            x[i * 3 + 1] = rng.nextDouble() * 10 + 5;
            x[i * 3 + 2] = rng.nextGaussian();
            sex[i] = rng.nextDouble() < 0.3 ? 0 : 1;
            race[i] = rng.nextDouble() < 0.6 ? 0 : rng.nextDouble() < 0.5 ? 1 : 2;
            y[i] = rng.nextDouble() < (sex[i] == 0 ? 0.2 : 0.6) ? 1 : 0;
        }
        return Dataset.builder("fixture")
                .features(Tensor.wrap(x, n, 3), List.of(
                        new Feature("id", "id", Feature.Kind.NUMERIC),
                        new Feature("u", "u", Feature.Kind.NUMERIC),
                        new Feature("z", "z", Feature.Kind.INDICATOR)))
                .labels(new CategoricalColumn("y", y, List.of("neg", "pos")))
                .group(new CategoricalColumn("sex", sex, List.of("F", "M")))
                .group(new CategoricalColumn("race", race, List.of("a", "b", "c")))
                .build();
    }

    /** The value of feature 0 (the original row index) of every row. */
    static int[] ids(Dataset d) {
        int[] out = new int[d.size()];
        for (int i = 0; i < d.size(); i++) {
            out[i] = (int) d.features().get(i, 0);
        }
        return out;
    }
}
