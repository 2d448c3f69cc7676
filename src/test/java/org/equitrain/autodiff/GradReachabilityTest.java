package org.equitrain.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Gradients with respect to intermediate values skip the backward rules of nodes below every target (e.g. the
 * weight gradients of a first layer when only layer outputs are wanted), with unchanged results.
 */
class GradReachabilityTest {

    @Test
    void backwardRulesBelowTheLowestTargetAreNotRun() {
        SplittableRandom rng = new SplittableRandom(7);
        int[] calls = {0};
        Var w = Var.param(Tensor.randn(DType.FLOAT64, rng, 3, 4));
        // An identity on w that counts how often its backward rule runs.
        Var counted = CustomOp.of("counted", w.value().copy(), g -> {
            calls[0]++;
            return new Var[] {g};
        }, w);
        Var x = Var.constant(Tensor.randn(DType.FLOAT64, rng, 2, 4));
        Var h = Ops.linear(x, counted, null);
        Var t = Activations.tanh(h);
        Var out = Ops.sum(Ops.mul(t, t));

        Tensor onlyH = Grad.grad(out, List.of(h)).get(0).value();
        assertEquals(0, calls[0], "no target lies below h");
        List<Var> both = Grad.grad(out, List.of(h, w));
        assertEquals(1, calls[0]);
        assertArrayEquals(both.get(0).value().doubles(), onlyH.doubles(), 0.0);
        // ∂/∂h Σ tanh(h)² = 2 tanh(h)(1 − tanh(h)²), and ∂/∂w = (∂/∂h)ᵀ x.
        double[] expected = new double[onlyH.size()];
        for (int i = 0; i < expected.length; i++) {
            double th = Math.tanh(h.value().getFlat(i));
            expected[i] = 2 * th * (1 - th * th);
        }
        assertArrayEquals(expected, onlyH.doubles(), 1e-14);
        Tensor gw = org.equitrain.tensor.Gemm.matmul(onlyH, x.value(), true, false);
        assertArrayEquals(gw.doubles(), both.get(1).value().doubles(), 1e-14);
    }

    @Test
    void aTargetAboveAnotherStillPassesItsGradientDown() {
        SplittableRandom rng = new SplittableRandom(8);
        Var a = Var.param(Tensor.randn(DType.FLOAT64, rng, 5));
        Var b = Activations.tanh(a);
        Var c = Ops.mul(b, b);
        Var out = Ops.sum(c);
        List<Var> g = Grad.grad(out, List.of(c, a));
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, g.get(0).value().doubles(), 0.0);
        for (int i = 0; i < 5; i++) {
            double th = Math.tanh(a.value().getFlat(i));
            assertEquals(2 * th * (1 - th * th), g.get(1).value().getFlat(i), 1e-14);
        }
    }
}
