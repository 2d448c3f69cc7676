package org.equitrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuantilesTest {
    @Test
    void quantilesInterpolateLinearlyLikeNumpy() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertEquals(1.1, Quantiles.ofSorted(sorted, 0.025), 1e-12); // h = 4 · 0.025 = 0.1
        assertEquals(4.9, Quantiles.ofSorted(sorted, 0.975), 1e-12);
        assertEquals(3.0, Quantiles.ofSorted(sorted, 0.5), 1e-12);
        assertEquals(7.0, Quantiles.ofSorted(new double[] {7}, 0.3), 0.0);
    }
}
