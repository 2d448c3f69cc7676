package org.equitrain.fairness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Kamiran–Calders reweighing weights (forml.md §2). */
class KamiranCaldersWeightsTest {
    @Test
    void weightsAreMarginalsOverJointAndMakeGroupAndLabelIndependent() {
        // a: 3 positives, 1 negative; b: 1 positive, 5 negatives (n = 10, n_pos = 4, n_a = 4, n_b = 6)
        FrameInput data = Tables.fromConfusion(new Tables.Cell("a", 3, 0, 1, 0), new Tables.Cell("b", 1, 0, 5, 0))
                .build();
        KamiranCaldersWeights kc = KamiranCaldersWeights.of(data);
        Group a = Group.of("g", "a");
        Group b = Group.of("g", "b");
        assertEquals(4 * 4 / (10.0 * 3), kc.weight(a, 1), 1e-12); // n_a n_y / (n n_ay)
        assertEquals(4 * 6 / (10.0 * 1), kc.weight(a, 0), 1e-12);
        assertEquals(6 * 4 / (10.0 * 1), kc.weight(b, 1), 1e-12);
        assertEquals(6 * 6 / (10.0 * 5), kc.weight(b, 0), 1e-12);
        // reweighted: the weight of each cell is n_a n_y / n, so the positive rate is 4/10 in both groups
        FrameInput reweighted = Tables.fromConfusion(new Tables.Cell("a", 3, 0, 1, 0),
                new Tables.Cell("b", 1, 0, 5, 0)).weights(kc.rowWeights()).build();
        MetricFrame mf = MetricFrame.of(reweighted, java.util.Map.of("base_rate", RateMetrics.BASE_RATE));
        assertEquals(0.4, mf.value("base_rate", a), 1e-12);
        assertEquals(0.4, mf.value("base_rate", b), 1e-12);
        // here ŷ = y, so the weights also make the predictions independent of the group
        assertTrue(Ermi.of(data).value() > 0);
        assertEquals(0.0, Ermi.of(reweighted).value(), 1e-12);
        assertTrue(kc.emptyCells().isEmpty());
    }

    @Test
    void anEmptyCellIsReportedNotWeighted() {
        FrameInput data = Tables.fromConfusion(new Tables.Cell("a", 2, 0, 2, 0), new Tables.Cell("b", 0, 0, 3, 0))
                .build();
        KamiranCaldersWeights kc = KamiranCaldersWeights.of(data);
        assertTrue(Double.isNaN(kc.weight(Group.of("g", "b"), 1)));
        assertEquals(List.of("group 'b' has no rows with label 1"), kc.emptyCells());
    }

    @Test
    void rowsOfZeroSampleWeightGetWeightZeroNotNaN() {
        // group a's only row with label 1 has sample weight 0, so its cell holds no weight
        int[] y = {1, 0, 1, 0};
        FrameInput data = FrameInput.builder().yTrue(y).yPred(y).weights(new double[] {0, 1, 1, 1})
                .sensitive("g", new String[] {"a", "a", "b", "b"}).build();
        KamiranCaldersWeights kc = KamiranCaldersWeights.of(data);
        assertTrue(Double.isNaN(kc.weight(Group.of("g", "a"), 1)));
        double[] w = kc.rowWeights();
        assertEquals(0.0, w[0]);
        // w(a, 0) = n_a n_0 / (n n_{a,0}) = 1 · 2 / (3 · 1), w(b, 1) = 2 · 1 / (3 · 1), w(b, 0) = 2 · 2 / (3 · 1)
        assertEquals(2 / 3.0, w[1], 1e-15);
        assertEquals(2 / 3.0, w[2], 1e-15);
        assertEquals(4 / 3.0, w[3], 1e-15);
        assertEquals(List.of("group 'a' has no rows of positive weight with label 1"), kc.emptyCells());
    }
}
