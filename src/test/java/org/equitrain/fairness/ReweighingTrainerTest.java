package org.equitrain.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** forml.md §10 oracle 4: the reweighed (A, Y) table is the product of its marginals. */
class ReweighingTrainerTest {
    /**
     * The test groups' table is dependent, if mildly: |P(a, y) − P(a)P(y)| reaches 60/90² ≈ 7.4e-3, nine orders
     * above the tolerance of the factorisation check, so that check cannot pass by accident.
     */
    @Test
    void weightedGroupLabelTableFactorises() {
        checkFactorises(SyntheticGroups.of(90, 3, 5), 5e-3);
    }

    @Test
    void aStronglyDependentTableFactorisesToo() {
        int n = 90;
        int[] g = new int[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) { // P(y = 1 | a = 0) = 0.7, P(y = 1 | a = 1) = 0.2
            g[i] = i < 60 ? 0 : 1;
            y[i] = g[i] == 0 ? (i % 10 < 7 ? 1 : 0) : (i % 10 < 2 ? 1 : 0);
        }
        checkFactorises(new GroupedData(Tensor.zeros(DType.FLOAT64, n, 2), y, g, List.of("a", "b"), 1, 2), 0.05);
    }

    private static void checkFactorises(GroupedData d, double minDependence) {
        ReweighingTrainer r = new ReweighingTrainer();
        r.start(d);
        double[] w = r.weights();
        double[] ones = new double[d.size()];
        Arrays.fill(ones, 1.0);
        double unweighted = dependence(d, ones);
        assertTrue(unweighted > minDependence, "max |P(a, y) − P(a)P(y)| of the unweighted table: " + unweighted);
        assertEquals(0.0, dependence(d, w), 1e-12, "the reweighed table factorises");
        assertEquals(d.size(), Arrays.stream(w).sum(), 1e-9, "reweighing keeps the total weight");
    }

    /** max over cells of |P_w(a, y) − P_w(a) P_w(y)| for the (group, label) table weighted by {@code w}. */
    private static double dependence(GroupedData d, double[] w) {
        double[][] joint = new double[2][2];
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            joint[d.group()[i]][d.y()[i]] += w[i];
            total += w[i];
        }
        double max = 0;
        for (int a = 0; a < 2; a++) {
            for (int y = 0; y < 2; y++) {
                double pa = (joint[a][0] + joint[a][1]) / total;
                double py = (joint[0][y] + joint[1][y]) / total;
                max = Math.max(max, Math.abs(joint[a][y] / total - pa * py));
            }
        }
        return max;
    }

    @Test
    void independentGroupAndLabelGiveUnitWeights() {
        int[] y = {0, 1, 0, 1, 0, 1, 0, 1};
        int[] g = {0, 0, 1, 1, 0, 0, 1, 1};
        ReweighingTrainer r = new ReweighingTrainer();
        r.start(new GroupedData(Tensor.zeros(DType.FLOAT64, 8, 2), y, g, List.of("a", "b"), 1, 2));
        for (double v : r.weights()) {
            assertEquals(1.0, v, 1e-15);
        }
    }
}
