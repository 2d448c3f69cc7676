package org.equitrain.autodiff;

import static org.equitrain.autodiff.GradCheck.check;
import static org.equitrain.autodiff.GradCheck.randn;
import static org.equitrain.autodiff.SecondOrder.gradOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.equitrain.tensor.Elementwise;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Values and float64 finite-difference gradients of the elementwise ops in {@link Pointwise}. */
class PointwiseTest {

    /** Seeded entries in [0.5, 2.5): safe bases for real powers, roots and logs. */
    private static Tensor positive(long seed, int... dims) {
        return Elementwise.map(randn(seed, dims), x -> 0.5 + Math.min(Math.abs(x), 2));
    }

    @Test
    void powValues() {
        Var x = Var.constant(Tensor.vector(4, 9, 0.25));
        assertArrayEquals(new double[] {2, 3, 0.5}, Pointwise.pow(x, 0.5).value().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {1, 1, 1}, Pointwise.pow(x, 0).value().toDoubleArray());
        Var e = Var.constant(Tensor.vector(2, -1, 3));
        assertArrayEquals(new double[] {16, 1.0 / 9, 1.0 / 64}, Pointwise.pow(x, e).value().toDoubleArray(), 1e-15);
    }

    @Test
    void powGradients() {
        check(v -> Pointwise.pow(v.get(0), 3), randn(1, 3, 4));
        check(v -> Pointwise.pow(v.get(0), -1.5), positive(2, 3, 4));
        check(v -> Pointwise.pow(v.get(0), 0), randn(3, 5));
        check(v -> Pointwise.pow(v.get(0), v.get(1)), positive(4, 3, 4), randn(5, 4));
        check(v -> Pointwise.pow(v.get(0), v.get(1)), positive(6, 2, 1), randn(7, 2, 3));
        check(gradOf(v -> Pointwise.pow(v.get(0), v.get(1))), positive(8, 3), randn(9, 3));
    }

    @Test
    void powGradientWithZeroBaseIsFinite() {
        Var base = Var.param(Tensor.vector(0, 2));
        Var exp = Var.param(Tensor.vector(2, 2));
        List<Tensor> g = Grad.gradTensors(Pointwise.pow(base, exp).sum(), List.of(base, exp));
        assertArrayEquals(new double[] {0, 4}, g.get(0).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0, 4 * Math.log(2)}, g.get(1).toDoubleArray(), 1e-12);
    }

    @Test
    void rootsAbsLog1p() {
        assertArrayEquals(new double[] {3, 0.5}, Pointwise.sqrt(Var.constant(Tensor.vector(9, 0.25))).value()
                .toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {2, 0, 3}, Pointwise.abs(Var.constant(Tensor.vector(-2, 0, 3))).value()
                .toDoubleArray());
        assertEquals(1e-20, Pointwise.log1p(Var.constant(Tensor.vector(1e-20))).value().getFlat(0), 1e-35);
        check(v -> Pointwise.sqrt(v.get(0)), positive(1, 3, 4));
        check(v -> Pointwise.abs(v.get(0)), randn(2, 3, 4));
        check(v -> Pointwise.log1p(v.get(0)), positive(3, 6));
        check(gradOf(v -> Pointwise.sqrt(v.get(0))), positive(4, 5));
    }

    @Test
    void softplusIsStableAndSmooth() {
        Tensor v = Pointwise.softplus(Var.constant(Tensor.vector(-1000, -1, 0, 1, 1000))).value();
        assertEquals(0, v.getFlat(0), 1e-300);
        assertEquals(Math.log1p(Math.exp(-1)), v.getFlat(1), 1e-15);
        assertEquals(Math.log(2), v.getFlat(2), 1e-15);
        assertEquals(Math.log1p(Math.E), v.getFlat(3), 1e-15);
        assertEquals(1000, v.getFlat(4), 1e-12);
        check(v2 -> Pointwise.softplus(v2.get(0)), randn(5, 3, 4));
        check(gradOf(v2 -> Pointwise.softplus(v2.get(0))), randn(6, 7));
        Var big = Var.param(Tensor.vector(-800, 800));
        assertArrayEquals(new double[] {0, 1}, Grad.gradTensors(big.softplus().sum(), List.of(big)).get(0)
                .toDoubleArray(), 1e-300);
    }

    @Test
    void clampPassesGradientInsideOnly() {
        Var x = Var.param(Tensor.vector(-2, -0.5, 0.3, 4));
        Var y = Pointwise.clamp(x, -1, 1);
        assertArrayEquals(new double[] {-1, -0.5, 0.3, 1}, y.value().toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 1, 0}, Grad.gradTensors(y.sum(), List.of(x)).get(0).toDoubleArray());
        check(v -> Pointwise.clamp(v.get(0), -0.5, 0.7), randn(7, 4, 5));
        check(v -> Pointwise.clamp(v.get(0), 0, Double.POSITIVE_INFINITY), randn(8, 10));
        assertThrows(IllegalArgumentException.class, () -> Pointwise.clamp(x, 1, -1));
    }

    @Test
    void whereSelectsAndRoutesGradients() {
        Tensor cond = Tensor.vector(1, 0, 1);
        Var a = Var.param(Tensor.vector(1, 2, 3));
        Var b = Var.param(Tensor.of(new double[] {10, Double.POSITIVE_INFINITY, 30, 40, 50, 60}, 2, 3));
        Var w = Pointwise.where(cond, a, b);
        assertArrayEquals(new double[] {1, Double.POSITIVE_INFINITY, 3, 1, 50, 3}, w.value().toDoubleArray());
        List<Tensor> g = Grad.gradTensors(w.sum(), List.of(a, b));
        assertArrayEquals(new double[] {2, 0, 2}, g.get(0).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 0, 0, 1, 0}, g.get(1).toDoubleArray());
        Tensor c2 = Elementwise.map(randn(9, 3, 4), x -> x > 0 ? 1 : 0);
        check(v -> Pointwise.where(c2, v.get(0), v.get(1)), randn(1, 3, 4), randn(2, 4));
        check(gradOf(v -> Pointwise.where(c2, v.get(0), v.get(0).mul(v.get(0)))), randn(3, 3, 4));
    }

    @Test
    void maximumAndMinimumSplitTies() {
        Var a = Var.param(Tensor.vector(1, 5, 3));
        Var b = Var.param(Tensor.vector(2, 4, 3));
        assertArrayEquals(new double[] {2, 5, 3}, Pointwise.maximum(a, b).value().toDoubleArray());
        assertArrayEquals(new double[] {1, 4, 3}, Pointwise.minimum(a, b).value().toDoubleArray());
        List<Tensor> g = Grad.gradTensors(Pointwise.maximum(a, b).sum(), List.of(a, b));
        assertArrayEquals(new double[] {0, 1, 0.5}, g.get(0).toDoubleArray());
        assertArrayEquals(new double[] {1, 0, 0.5}, g.get(1).toDoubleArray());
        check(v -> Pointwise.maximum(v.get(0), v.get(1)), randn(3, 3, 4), randn(4, 4));
        check(v -> Pointwise.minimum(v.get(0), v.get(1)), randn(5, 2, 1), randn(6, 2, 5));
    }

    @Test
    void float32AgreesWithFloat64() {
        Tensor x = positive(11, 4, 6);
        Tensor e = randn(12, 6);
        List<Function<List<Var>, Var>> fns = List.of(
                v -> Pointwise.pow(v.get(0), 2.5),
                v -> Pointwise.pow(v.get(0), v.get(1)),
                v -> Pointwise.sqrt(v.get(0)),
                v -> Pointwise.abs(v.get(1)),
                v -> Pointwise.log1p(v.get(0)),
                v -> Pointwise.softplus(v.get(1)),
                v -> Pointwise.clamp(v.get(1), -0.3, 0.4),
                v -> Pointwise.where(Elementwise.map(e, t -> t > 0 ? 1 : 0), v.get(0), v.get(1)),
                v -> Pointwise.maximum(v.get(0), v.get(1)),
                v -> Pointwise.minimum(v.get(0), v.get(1)));
        for (Function<List<Var>, Var> f : fns) {
            Float32.assertAgrees(f, 1e-5, x, e);
        }
    }

    @Test
    void nanInTheBranchNotTakenDoesNotReachTheGradient() {
        Var x = Var.param(Tensor.vector(-1, 2));
        Var y = Pointwise.where(Tensor.vector(0, 1), Activations.log(x), x);
        assertTrue(Double.isNaN(Activations.log(x).value().getFlat(0)));
        assertArrayEquals(new double[] {1, 0.5}, Grad.gradTensors(y.sum(), List.of(x)).get(0).toDoubleArray());
    }

    @Test
    void logSigmoidGradientAndStability() {
        check(v -> Pointwise.logSigmoid(Ops.mulScalar(v.get(0), 5)), randn(3, 10));
        assertEquals(-1000.0, Pointwise.logSigmoid(Var.constant(Tensor.vector(-1000))).item(), 0.0);
        assertEquals(0.0, Pointwise.logSigmoid(Var.constant(Tensor.vector(1000))).item(), 0.0);
    }
}
