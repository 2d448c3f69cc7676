package org.equitrain.autodiff;

import static org.equitrain.autodiff.GradCheck.check;
import static org.equitrain.autodiff.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Finite-difference gradient checks of the core ops, in float64. */
class OpsGradientTest {

    @Test
    void arithmeticWithBroadcasting() {
        check(v -> Ops.add(v.get(0), v.get(1)), randn(1, 3, 4), randn(2, 4));
        check(v -> Ops.sub(v.get(0), v.get(1)), randn(1, 3, 1), randn(2, 1, 4));
        check(v -> Ops.mul(v.get(0), v.get(1)), randn(1, 2, 3, 4), randn(2, 3, 1));
        check(v -> Ops.div(v.get(0), Ops.addScalar(Activations.exp(v.get(1)), 0.5)), randn(1, 3, 4), randn(2, 4));
        check(v -> Ops.neg(Ops.mulScalar(Ops.addScalar(v.get(0), 2), 3)), randn(1, 5));
    }

    @Test
    void matmulAndLinear() {
        check(v -> Ops.matmul(v.get(0), v.get(1)), randn(1, 3, 4), randn(2, 4, 5));
        check(v -> Ops.matmul(v.get(0), v.get(1), true, true), randn(1, 4, 3), randn(2, 5, 4));
        check(v -> Ops.matmul(v.get(0), v.get(1)), randn(1, 2, 3, 4), randn(2, 4, 2));
        check(v -> Ops.linear(v.get(0), v.get(1), v.get(2)), randn(1, 6, 4), randn(2, 3, 4), randn(3, 3));
    }

    @Test
    void shapeOpsAndReductions() {
        check(v -> Ops.reshape(v.get(0), 6, 2), randn(1, 3, 4));
        check(v -> Ops.permute(v.get(0), 2, 0, 1), randn(1, 2, 3, 4));
        check(v -> Ops.sum(v.get(0), 1, false), randn(1, 2, 3, 4));
        check(v -> Ops.mean(v.get(0), -1, true), randn(1, 2, 3, 4));
        check(v -> Ops.sum(v.get(0)), randn(1, 2, 3));
        check(v -> Ops.broadcastTo(v.get(0), org.equitrain.tensor.Shape.of(2, 3, 4)), randn(1, 3, 1));
    }

    @Test
    void elementwiseAndSoftmax() {
        check(v -> Activations.tanh(v.get(0)), randn(1, 3, 4));
        check(v -> Activations.sigmoid(v.get(0)), randn(1, 3, 4));
        check(v -> Activations.log(Activations.exp(v.get(0))), randn(1, 7));
        check(v -> Activations.relu(v.get(0)), randn(3, 10));
        check(v -> Activations.reluInPlace(Ops.mulScalar(v.get(0), 1.0)), randn(3, 10));
        check(v -> Activations.logSoftmax(v.get(0), 1), randn(1, 3, 5));
        check(v -> Activations.softmax(v.get(0), 0), randn(1, 3, 5));
        check(v -> Activations.logSumExp(v.get(0), -1, false), randn(1, 2, 3, 5));
    }

    @Test
    void logSumExpIsStableForHugeLogits() {
        Var a = Var.constant(Tensor.vector(1000, 1000));
        assertEquals(1000 + Math.log(2), Activations.logSumExp(a, 0, false).item(), 1e-9);
    }

    @Test
    void shapeMismatchNamesOpAndShapes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> Ops.add(Var.constant(randn(1, 2, 3)), Var.constant(randn(1, 4))));
        assertEquals("add: cannot broadcast [2, 3] with [4]", e.getMessage());
    }

    @Test
    void noGradModeRecordsNothing() {
        Var p = Var.param(randn(1, 3));
        try (GradMode off = GradMode.off()) {
            Var y = Activations.exp(Ops.mul(p, p));
            assertFalse(y.requiresGrad());
            assertNull(y.node());
        }
    }

    @Test
    void float32FollowsFloat64() {
        Tensor a = randn(4, 5, 7);
        Tensor b = randn(5, 7, 3);
        Tensor c64 = Ops.matmul(Var.constant(a), Var.constant(b)).value();
        Tensor c32 = Ops.matmul(Var.constant(a.to(DType.FLOAT32)), Var.constant(b.to(DType.FLOAT32))).value();
        assertEquals(DType.FLOAT32, c32.dtype());
        for (int i = 0; i < c64.size(); i++) {
            assertEquals(c64.getFlat(i), c32.getFlat(i), 1e-4);
        }
    }

    @Test
    void hessianVectorProductMatchesFiniteDifferences() {
        // f(x) = sum(tanh(W x)^2) ; H v by double backward vs finite differences of the gradient.
        Tensor w = randn(1, 4, 3);
        Tensor x0 = randn(2, 3, 1);
        Tensor v = randn(3, 3, 1);
        java.util.function.Function<Var, Var> f = x -> {
            Var h = Activations.tanh(Ops.matmul(Var.constant(w), x));
            return Ops.sum(Ops.mul(h, h));
        };
        Var x = Var.param(x0);
        Var g = Grad.grad(f.apply(x), List.of(x), null, true).get(0);
        Var gv = Ops.sum(Ops.mul(g, Var.constant(v)));
        Tensor hv = Grad.grad(gv, List.of(x)).get(0).value();
        double h = 1e-5;
        Tensor xp = x0.copy();
        Tensor xm = x0.copy();
        xp.axpyInPlace(h, v);
        xm.axpyInPlace(-h, v);
        Var vp = Var.param(xp);
        Var vm = Var.param(xm);
        Tensor gradP = Grad.grad(f.apply(vp), List.of(vp)).get(0).value();
        Tensor gradM = Grad.grad(f.apply(vm), List.of(vm)).get(0).value();
        for (int i = 0; i < 3; i++) {
            double numeric = (gradP.getFlat(i) - gradM.getFlat(i)) / (2 * h);
            assertEquals(numeric, hv.getFlat(i), 1e-7);
        }
    }
}
