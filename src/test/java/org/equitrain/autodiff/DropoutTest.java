package org.equitrain.autodiff;

import static org.equitrain.autodiff.GradCheck.check;
import static org.equitrain.autodiff.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Inverted dropout: mask rate, scaling, reproducibility, evaluation mode and gradients. */
class DropoutTest {

    @Test
    void dropsAboutPAndScalesTheRestSoTheMeanIsKept() {
        int n = 100_000;
        Var x = Var.constant(Tensor.ones(DType.FLOAT64, n));
        Tensor y = Dropout.dropout(x, 0.3, new SplittableRandom(1), true).value();
        int zeros = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double v = y.getFlat(i);
            if (v == 0) {
                zeros++;
            } else {
                assertEquals(1 / 0.7, v, 1e-15);
            }
            sum += v;
        }
        // Binomial(n, 0.3): standard deviation ≈ 145, so 5 sd is about 725.
        assertEquals(0.3 * n, zeros, 725);
        assertEquals(1.0, sum / n, 0.01);
    }

    @Test
    void sameSeedSameMaskAndEvaluationIsIdentity() {
        Var x = Var.param(randn(2, 4, 5));
        assertArrayEquals(Dropout.dropout(x, 0.5, new SplittableRandom(3), true).value().toDoubleArray(),
                x.dropout(0.5, new SplittableRandom(3), true).value().toDoubleArray());
        assertSame(x, Dropout.dropout(x, 0.5, null, false));
        assertSame(x, Dropout.dropout(x, 0, null, true));
        assertArrayEquals(new double[20], Dropout.dropout(x, 1, new SplittableRandom(3), true).value()
                .toDoubleArray(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Dropout.dropout(x, 1.5, new SplittableRandom(3), true));
    }

    @Test
    void gradientIsMaskedAndScaled() {
        Var x = Var.param(randn(4, 50));
        Var y = Dropout.dropout(x, 0.4, new SplittableRandom(5), true);
        Tensor g = Grad.gradTensors(y.sum(), List.of(x)).get(0);
        for (int i = 0; i < 50; i++) {
            assertEquals(y.value().getFlat(i) == 0 ? 0 : 1 / 0.6, g.getFlat(i), 1e-15);
        }
        check(v -> Dropout.dropout(v.get(0), 0.5, new SplittableRandom(6), true), randn(7, 3, 4));
        Float32.assertAgrees(v -> Dropout.dropout(v.get(0), 0.25, new SplittableRandom(8), true), 1e-6,
                randn(9, 6, 7));
    }
}
