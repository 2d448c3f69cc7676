package org.equitrain.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Multiclass {@code eo-loss-gap}: each class one-vs-rest, the group gaps averaged over classes (forml.md §5). */
class MetaObjectiveTest {
    /** Six held-out rows, two groups, three classes: each group has one row of each class. */
    private static final int[] Y = {0, 1, 2, 0, 1, 2};
    private static final int[] GROUP = {0, 0, 0, 1, 1, 1};
    private static final double[] LOGITS = {2, 0, 0, 0, 1, 0, 0, 0, 3, 0.5, 0, 0, 0, 0, 0, 1, 2, -1};

    private static GroupedData heldOut(int[] y) {
        return new GroupedData(Tensor.zeros(DType.FLOAT64, y.length, 1), y, GROUP,
                List.of("a", "b"), 1, 3);
    }

    private static double crossEntropy(int row, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 3; c++) {
            max = Math.max(max, LOGITS[row * 3 + c]);
        }
        double z = 0;
        for (int c = 0; c < 3; c++) {
            z += Math.exp(LOGITS[row * 3 + c] - max);
        }
        return max + Math.log(z) - LOGITS[row * 3 + label];
    }

    @Test
    void multiclassEoLossGapAveragesTheGroupGapOfEveryClass() {
        Var logits = Var.constant(Tensor.wrap(LOGITS.clone(), 6, 3));
        double expected = 0;
        for (int k = 0; k < 3; k++) { // group a's row of class k is k, group b's is 3 + k
            expected += Math.abs(crossEntropy(k, k) - crossEntropy(3 + k, k)) / 3;
        }
        assertEquals(expected, MetaObjective.EO_LOSS_GAP.value(logits, heldOut(Y), 0).item(), 1e-12);
        double favourableOnly = Math.abs(crossEntropy(1, 1) - crossEntropy(4, 1));
        assertTrue(Math.abs(expected - favourableOnly) > 1e-3, "the average differs from the favourable class's gap");
    }

    @Test
    void everyGroupNeedsHeldOutRowsOfEveryClassForMulticlassEoLossGap() {
        assertArrayEquals(new int[] {0, 1, 2}, MetaObjective.EO_LOSS_GAP.classesEveryGroupNeeds(3, 1));
        assertArrayEquals(new int[] {1}, MetaObjective.EO_LOSS_GAP.classesEveryGroupNeeds(2, 1));
        assertArrayEquals(new int[] {1}, MetaObjective.EO_SCORE_GAP.classesEveryGroupNeeds(3, 1));
        assertArrayEquals(new int[0], MetaObjective.LOSS_GAP.classesEveryGroupNeeds(3, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetaObjective.EO_LOSS_GAP.validate(heldOut(new int[] {0, 1, 2, 0, 1, 1})));
        assertEquals("meta-objective eo-loss-gap: the held-out set has no rows of group 'b' with label 2",
                e.getMessage());
    }
}
