package org.equitrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** StratifiedSample: exactly k rows, cell shares kept up to one row, seeded. */
class StratifiedSampleTest {
    /** 1000 rows in four (label, group) cells of 101, 299, 349 and 251 rows; feature = row index. */
    private static Dataset data() {
        int n = 1000;
        double[] x = new double[n];
        int[] y = new int[n];
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i < 400 ? 0 : 1;
            g[i] = i < 101 || (i >= 400 && i < 749) ? 0 : 1;
        }
        return Dataset.builder("cells").features(Tensor.of(x, n, 1), List.of(new Feature("x", "x",
                Feature.Kind.NUMERIC))).labels(new CategoricalColumn("y", y, List.of("no", "yes")))
                .group(new CategoricalColumn("g", g, List.of("a", "b"))).build();
    }

    @Test
    void takesExactlyKRowsWhereASplitWouldMissByOne() {
        Dataset d = data();
        // a split rounds each cell on its own: 999 of 1000 rows come back as 998 here
        assertTrue(d.split(0.999, 0, 1).train().size() != 999, "the rounding this class avoids");
        for (int k : new int[] {0, 1, 5, 500, 999, 1000}) {
            Dataset s = StratifiedSample.of(d, k, 1);
            assertEquals(k, s.size(), "k = " + k);
            Map<List<Integer>, int[]> cells = StratifiedSplit.cells(d);
            Map<List<Integer>, int[]> kept = StratifiedSplit.cells(s);
            for (Map.Entry<List<Integer>, int[]> e : cells.entrySet()) {
                double share = k * e.getValue().length / 1000.0;
                int got = kept.containsKey(e.getKey()) ? kept.get(e.getKey()).length : 0;
                assertTrue(Math.abs(got - share) < 1, "cell " + e.getKey() + ": " + got + " for " + share);
            }
            double[] rows = s.features().toDoubleArray();
            for (int i = 1; i < rows.length; i++) {
                assertTrue(rows[i] > rows[i - 1], "rows keep their order");
            }
        }
        assertArrayEquals(StratifiedSample.of(d, 37, 4).features().toDoubleArray(),
                StratifiedSample.of(d, 37, 4).features().toDoubleArray(), "seeded");
        assertThrows(IllegalArgumentException.class, () -> StratifiedSample.of(d, 1001, 1));
    }

    @Test
    void remaindersGoToTheLargestFractions() {
        // 5 of 10 rows over cells of 3, 3, 4: quotas 1.5, 1.5, 2 → floors 1, 1, 2 and one row to the first tie
        assertArrayEquals(new int[] {2, 1, 2}, StratifiedSample.apportion(new int[] {3, 3, 4}, 5, 10));
        assertArrayEquals(new int[] {0, 1, 0}, StratifiedSample.apportion(new int[] {1, 8, 1}, 1, 10));
    }
}
