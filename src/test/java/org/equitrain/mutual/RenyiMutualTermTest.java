package org.equitrain.mutual;

import static org.equitrain.autodiff.GradCheck.check;
import static org.equitrain.autodiff.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The mutual term as an autodiff op: value, closed-form gradient vs finite differences, detached peer. */
class RenyiMutualTermTest {
    private static final RenyiDivergence[] FORMS = {
        RenyiDivergence.of(0.5), RenyiDivergence.of(1), RenyiDivergence.of(1.5), RenyiDivergence.of(2),
        RenyiDivergence.of(2).withTemperature(2.5), RenyiDivergence.of(0.5).withClampParity(true),
        RenyiDivergence.of(1).withClampParity(true)};

    @Test
    void valueIsTheBatchMeanOfPerSampleDivergences() {
        Tensor peer = randn(1, 5, 4);
        Tensor student = randn(2, 5, 4);
        for (RenyiDivergence d : FORMS) {
            double expected = 0;
            for (int r = 0; r < 5; r++) {
                expected += d.divergence(row(peer, r), row(student, r)) / 5;
            }
            Var loss = RenyiMutualTerm.batchMean(d, Var.constant(peer), Var.param(student));
            assertEquals(expected, loss.item(), 1e-13, d.toString());
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Tensor peer = randn(3, 6, 5).copy();
        for (RenyiDivergence d : FORMS) {
            check(v -> RenyiMutualTerm.batchMean(d, Var.constant(peer), v.get(0)), List.of(randn(4, 6, 5)), 1e-8);
        }
    }

    @Test
    void gradientIsOneOverBTimesQMinusW() {
        Var student = Var.param(Tensor.of(concat(RenyiDivergenceTest.B, RenyiDivergenceTest.B), 2, 4));
        Var peer = Var.constant(Tensor.of(concat(RenyiDivergenceTest.A, RenyiDivergenceTest.A), 2, 4));
        for (int i = 0; i < RenyiDivergenceTest.ALPHAS.length; i++) {
            Var loss = RenyiMutualTerm.batchMean(RenyiDivergence.of(RenyiDivergenceTest.ALPHAS[i]), peer, student);
            double[] g = Grad.gradTensors(loss, List.of(student)).get(0).doubles();
            double[] half = new double[4];
            for (int k = 0; k < 4; k++) {
                half[k] = RenyiDivergenceTest.TABLE_GRAD[i][k] / 2;
            }
            assertArrayEquals(concat(half, half), g, 1e-9);
        }
    }

    @Test
    void noGradientReachesThePeer() {
        Var peer = Var.param(randn(5, 3, 4));
        Var student = Var.param(randn(6, 3, 4));
        Var loss = RenyiMutualTerm.batchMean(RenyiDivergence.of(1.5), peer, student);
        assertEquals(List.of(student), loss.node().inputs());
        List<Tensor> g = Grad.gradTensors(Ops.mulScalar(loss, 3), List.of(peer, student));
        assertArrayEquals(new double[12], g.get(0).doubles());
        double norm = 0;
        for (double v : g.get(1).doubles()) {
            norm += Math.abs(v);
        }
        assertEquals(true, norm > 0.01);
    }

    @Test
    void doubleBackwardMatchesFiniteDifferencesOfTheGradient() {
        Tensor peer = randn(7, 3, 4).copy();
        for (RenyiDivergence d : FORMS) {
            check(v -> {
                try (GradMode on = GradMode.on()) {
                    Var loss = RenyiMutualTerm.batchMean(d, Var.constant(peer), v.get(0));
                    return Grad.grad(loss, List.of(v.get(0)), null, true).get(0);
                }
            }, List.of(randn(8, 3, 4)), 1e-7);
        }
    }

    @Test
    void createGraphGradientEqualsTheClosedForm() {
        Var peer = Var.constant(randn(9, 4, 6));
        Var student = Var.param(randn(10, 4, 6));
        for (RenyiDivergence d : FORMS) {
            Var loss = RenyiMutualTerm.batchMean(d, peer, student);
            double[] fast = Grad.gradTensors(loss, List.of(student)).get(0).doubles();
            double[] graph = Grad.grad(loss, List.of(student), null, true).get(0).value().doubles();
            assertArrayEquals(fast, graph, 1e-14, d.toString());
        }
    }

    @Test
    void float32LogitsAreComputedInDoubleAndReturnedInFloat32() {
        Tensor peer = randn(11, 4, 3);
        Tensor student = randn(12, 4, 3);
        RenyiDivergence d = RenyiDivergence.of(2);
        Var loss32 = RenyiMutualTerm.batchMean(d, Var.constant(peer.to(DType.FLOAT32)),
                Var.param(student.to(DType.FLOAT32)));
        assertEquals(DType.FLOAT32, loss32.dtype());
        assertEquals(RenyiMutualTerm.batchMean(d, Var.constant(peer), Var.param(student)).item(), loss32.item(),
                1e-6);
        Var s32 = Var.param(student.to(DType.FLOAT32));
        Tensor g = Grad.gradTensors(RenyiMutualTerm.batchMean(d, Var.constant(peer), s32), List.of(s32)).get(0);
        assertSame(DType.FLOAT32, g.dtype());
    }

    @Test
    void mismatchedShapesNameBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RenyiMutualTerm.batchMean(
                RenyiDivergence.of(1), Var.constant(randn(1, 3, 4)), Var.param(randn(2, 3, 5))));
        assertEquals(true, e.getMessage().contains("[3, 4]") && e.getMessage().contains("[3, 5]"), e.getMessage());
    }

    private static double[] row(Tensor t, int r) {
        int c = t.dim(1);
        double[] out = new double[c];
        for (int k = 0; k < c; k++) {
            out[k] = t.get(r, k);
        }
        return out;
    }

    private static double[] concat(double[] x, double[] y) {
        double[] out = new double[x.length + y.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }
}
