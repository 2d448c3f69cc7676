package org.equitrain.autodiff;

import static org.equitrain.autodiff.GradCheck.check;
import static org.equitrain.autodiff.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PointwiseTest {

    @Test
    void gradientsMatchFiniteDifferences() {
        check(v -> Pointwise.sqrt(Ops.addScalar(Activations.exp(v.get(0)), 0.1)), randn(1, 3, 4));
        check(v -> Pointwise.softplus(Ops.mulScalar(v.get(0), 5)), randn(2, 4, 5));
        check(v -> Pointwise.logSigmoid(Ops.mulScalar(v.get(0), 5)), randn(3, 10));
    }

    @Test
    void secondDerivativeOfSoftplusIsSigmoidPrime() {
        Var x = Var.param(Tensor.vector(-2, 0, 3));
        Var g = Grad.grad(Ops.sum(Pointwise.softplus(x)), List.of(x), null, true).get(0);
        Tensor h = Grad.grad(Ops.sum(g), List.of(x)).get(0).value();
        for (int i = 0; i < 3; i++) {
            double s = 1 / (1 + Math.exp(-x.value().getFlat(i)));
            assertEquals(s, g.value().getFlat(i), 1e-15);
            assertEquals(s * (1 - s), h.getFlat(i), 1e-15);
        }
    }

    @Test
    void softplusIsStableForHugeInputs() {
        Var x = Var.constant(Tensor.vector(-1000, 1000, 0));
        Tensor y = Pointwise.softplus(x).value();
        assertEquals(0.0, y.getFlat(0), 0.0);
        assertEquals(1000.0, y.getFlat(1), 0.0);
        assertEquals(Math.log(2), y.getFlat(2), 1e-15);
        assertEquals(-1000.0, Pointwise.logSigmoid(Var.constant(Tensor.vector(-1000))).item(), 0.0);
    }
}
