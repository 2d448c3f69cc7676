package org.equitrain.autodiff;

import static org.equitrain.autodiff.GradCheck.check;
import static org.equitrain.autodiff.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The interim narrow op: values, float64 finite-difference gradients, and double backward through pad. */
class NarrowingTest {

    @Test
    void selectsTheSliceAlongAnAxis() {
        Var a = Var.constant(Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 3, 4));
        assertArrayEquals(new double[] {1, 2, 5, 6, 9, 10}, Narrowing.narrow(a, 1, 1, 2).value().doubles());
        assertArrayEquals(new double[] {4, 5, 6, 7}, Narrowing.narrow(a, 0, 1, 1).value().doubles());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        check(v -> Narrowing.narrow(v.get(0), 0, 2, 3), randn(1, 7));
        check(v -> Narrowing.narrow(v.get(0), 1, 1, 2), randn(2, 3, 4, 2));
        check(v -> Narrowing.narrow(v.get(0), -1, 0, 1), randn(3, 2, 3));
    }

    @Test
    void doubleBackwardThroughPad() {
        // f = Σ narrow(x)³, g = ∂f/∂x = 3x² on the slice (0 elsewhere); ∂⟨g, v⟩/∂x = 6 x v on the slice.
        Tensor x0 = randn(4, 6);
        Tensor v0 = randn(5, 6);
        Var x = Var.param(x0);
        Var n = Narrowing.narrow(x, 0, 1, 3);
        Var g = Grad.grad(Ops.sum(Ops.mul(n, Ops.mul(n, n))), List.of(x), null, true).get(0);
        Tensor hv = Grad.grad(Ops.sum(Ops.mul(g, Var.constant(v0))), List.of(x)).get(0).value();
        for (int i = 0; i < 6; i++) {
            double expected = i >= 1 && i < 4 ? 6 * x0.getFlat(i) * v0.getFlat(i) : 0;
            assertEquals(expected, hv.getFlat(i), 1e-12);
        }
    }

    @Test
    void outOfRangeSliceNamesTheShape() {
        Var a = Var.constant(randn(1, 3, 4));
        ShapeException e = assertThrows(ShapeException.class, () -> Narrowing.narrow(a, 1, 3, 2));
        assertTrue(e.getMessage().contains("[3, 4]"), e.getMessage());
    }
}
