package org.equitrain.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Accuracy and EO gap of predictions, against a count by hand. */
class EvaluationTest {
    // group a: labels 1, 1, 0; group b: labels 1, 0, 0
    private static final GroupedData DATA = new GroupedData(Tensor.zeros(DType.FLOAT64, 6, 1),
            new int[] {1, 1, 0, 1, 0, 0}, new int[] {0, 0, 0, 1, 1, 1}, List.of("a", "b"), 1, 2);

    @Test
    void accuracyAndTheGapOfTruePositiveRates() {
        Evaluation e = Evaluation.of(new int[] {1, 0, 0, 1, 1, 0}, DATA);
        assertEquals(4 / 6.0, e.accuracy(), 1e-15);
        assertEquals(1 - 0.5, e.eoGap(), 1e-15); // TPR a = 1/2, b = 1/1
    }

    @Test
    void aPredictionPerRowIsRequired() {
        for (int n : new int[] {5, 7}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Evaluation.of(new int[n], DATA));
            assertEquals(n + " predictions for 6 rows", e.getMessage());
        }
    }
}
