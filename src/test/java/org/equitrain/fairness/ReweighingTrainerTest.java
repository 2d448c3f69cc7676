package org.equitrain.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** forml.md §10 oracle 4: the reweighed (A, Y) table is the product of its marginals. */
class ReweighingTrainerTest {
    @Test
    void weightedGroupLabelTableFactorises() {
        GroupedData d = SyntheticGroups.of(90, 3, 5);
        ReweighingTrainer r = new ReweighingTrainer();
        r.start(d);
        double[] w = r.weights();
        double[][] joint = new double[2][2];
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            joint[d.group()[i]][d.y()[i]] += w[i];
            total += w[i];
        }
        for (int a = 0; a < 2; a++) {
            for (int y = 0; y < 2; y++) {
                double pa = (joint[a][0] + joint[a][1]) / total;
                double py = (joint[0][y] + joint[1][y]) / total;
                assertEquals(pa * py, joint[a][y] / total, 1e-12, "cell a=" + a + " y=" + y);
            }
        }
        assertEquals(d.size(), total, 1e-9, "reweighing keeps the total weight");
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
