package org.equitrain.sensitivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DesignMatrixTest {
    private final DesignMatrix x = DesignMatrix.of(new double[][] {{1, 2}, {3, -1}, {0, 4}});

    @Test
    void productsAgreeWithTheirDefinitions() {
        assertArrayEquals(new double[] {1 * 2 + 2 * 3, 3 * 2 - 1 * 3, 4 * 3}, x.times(new double[] {2, 3}), 1e-15);
        assertArrayEquals(new double[] {1 - 3 + 0, 2 + 1 + 8}, x.transposeTimes(new double[] {1, -1, 2}), 1e-15);
        double[] w = {1, 2, 0.5};
        // Σ w_i x_i x_iᵀ.
        double[] expected = {1 + 2 * 9, 2 - 2 * 3, 2 - 2 * 3, 4 + 2 + 0.5 * 16};
        assertArrayEquals(expected, x.weightedGram(w), 1e-15);
    }

    @Test
    void interceptColumnRowsAndTensors() {
        DesignMatrix xi = x.withInterceptColumn();
        assertEquals(3, xi.cols());
        assertArrayEquals(new double[] {1, 3, -1}, xi.row(1), 0);
        DesignMatrix g = x.selectRows(new int[] {2, 0});
        assertArrayEquals(new double[] {0, 4}, g.row(0), 0);
        assertArrayEquals(new double[] {1, 2}, g.row(1), 0);
        DesignMatrix t = DesignMatrix.of(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        assertEquals(6, t.get(2, 1), 0);
    }

    @Test
    void badInputIsReportedWithItsPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DesignMatrix.of(new double[] {1, Double.NaN, 3, 4}, 2, 2));
        assertTrue(e.getMessage().contains("row 0, column 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DesignMatrix.of(new double[][] {{1, 2}, {3}}));
        assertThrows(IndexOutOfBoundsException.class, () -> x.selectRows(new int[] {3}));
        // 65,536 × 65,536 wraps to 0 in int arithmetic: an empty array must not pass for it
        assertThrows(IllegalArgumentException.class, () -> DesignMatrix.of(new double[0], 1 << 16, 1 << 16));
    }
}
