package org.equitrain.sensitivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorrelationTest {

    @Test
    void pearsonOfAHandComputedExample() {
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {2, 4, 5, 4, 5};
        // Σdadb = 6, Σda² = 10, Σdb² = 6.
        assertEquals(6 / Math.sqrt(60), Correlation.pearson(a, b), 1e-15);
        assertEquals(1.0, Correlation.pearson(a, new double[] {-3, -1, 1, 3, 5}), 1e-15);
        assertEquals(-1.0, Correlation.pearson(a, new double[] {10, 8, 6, 4, 2}), 1e-15);
    }

    @Test
    void spearmanGivesTiesTheirAverageRank() {
        double[] b = {2, 4, 5, 4, 5};
        assertArrayEquals(new double[] {1, 2.5, 4.5, 2.5, 4.5}, Correlation.ranks(b), 0);
        double[] a = {1, 2, 3, 4, 5};
        // ranks(b) centred: -2, -0.5, 1.5, -0.5, 1.5 → Σ = 7, Σ² = 9.
        assertEquals(7 / Math.sqrt(90), Correlation.spearman(a, b), 1e-15);
    }

    @Test
    void spearmanIsInvariantToMonotoneMapsButPearsonIsNot() {
        double[] a = {0.3, -1.2, 2.5, 0.1, 0.9, -0.4};
        double[] b = {1.0, -0.5, 3.0, 0.2, 0.4, 0.0};
        double[] expB = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            expB[i] = Math.exp(3 * b[i]);
        }
        assertEquals(Correlation.spearman(a, b), Correlation.spearman(a, expB), 1e-15);
        assertTrue(Math.abs(Correlation.pearson(a, b) - Correlation.pearson(a, expB)) > 1e-3);
    }

    @Test
    void meanAbsoluteErrorAndBadInputs() {
        assertEquals(1.0, Correlation.meanAbsoluteError(new double[] {1, 2}, new double[] {2, 1}), 0);
        assertThrows(IllegalArgumentException.class, () -> Correlation.pearson(new double[] {1, 2}, new double[] {1}));
        assertTrue(Double.isNaN(Correlation.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
    }
}
