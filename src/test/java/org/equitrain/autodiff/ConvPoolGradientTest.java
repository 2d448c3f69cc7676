package org.equitrain.autodiff;

import static org.equitrain.autodiff.GradCheck.check;
import static org.equitrain.autodiff.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Convolution and pooling: direct-loop oracles, finite-difference gradients (first and second order), float32. */
class ConvPoolGradientTest {

    @Test
    void conv2dMatchesDirectLoops() {
        Tensor x = randn(1, 2, 3, 7, 6);
        Tensor w = randn(2, 4, 3, 3, 2);
        Tensor b = randn(3, 4);
        for (int[] sp : new int[][] {{1, 0}, {2, 1}, {3, 2}}) {
            Tensor y = Conv.conv2d(Var.constant(x), Var.constant(w), Var.constant(b), sp[0], sp[1]).value();
            Tensor expected = directConv(x, w, b, sp[0], sp[1]);
            assertArrayEquals(expected.dims(), y.dims());
            assertArrayEquals(expected.doubles(), y.doubles(), 1e-12);
        }
    }

    @Test
    void conv2dGradients() {
        check(v -> Conv.conv2d(v.get(0), v.get(1), v.get(2), 1, 0), randn(1, 2, 3, 5, 5), randn(2, 4, 3, 3, 3),
                randn(3, 4));
        check(v -> Conv.conv2d(v.get(0), v.get(1), v.get(2), 2, 1), randn(4, 2, 2, 6, 5), randn(5, 3, 2, 3, 2),
                randn(6, 3));
        check(v -> Conv.conv2d(v.get(0), v.get(1), null, 1, 2), randn(7, 1, 1, 4, 4), randn(8, 2, 1, 5, 5));
    }

    @Test
    void conv2dSecondOrderGradients() {
        // The input and weight gradients are ops of their own (conv2dInputGrad, conv2dWeightGrad); check them
        // as functions of (x, w, upstream gradient) by differentiating the first backward pass.
        for (int i = 0; i < 2; i++) {
            int which = i;
            check(recording(v -> firstGradient(Conv.conv2d(v.get(0), v.get(1), null, 2, 1), v.get(2), v.get(which))),
                    randn(9, 2, 2, 5, 4), randn(10, 3, 2, 3, 3), randn(11, 2, 3, 3, 2));
        }
    }

    @Test
    void poolingMatchesDirectLoops() {
        Tensor x = randn(12, 2, 3, 7, 6);
        Tensor max = Pool.maxPool2d(Var.constant(x), 3, 2).value();
        Tensor avg = Pool.avgPool2d(Var.constant(x), 2, 2).value();
        assertArrayEquals(new int[] {2, 3, 3, 2}, max.dims());
        assertArrayEquals(new int[] {2, 3, 3, 3}, avg.dims());
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int oh = 0; oh < 3; oh++) {
                    for (int ow = 0; ow < 3; ow++) {
                        if (ow < 2) {
                            double m = Double.NEGATIVE_INFINITY;
                            for (int i = 0; i < 3; i++) {
                                for (int j = 0; j < 3; j++) {
                                    m = Math.max(m, x.get(b, c, 2 * oh + i, 2 * ow + j));
                                }
                            }
                            assertEquals(m, max.get(b, c, oh, ow), 0.0);
                        }
                        double s = 0;
                        for (int i = 0; i < 2; i++) {
                            for (int j = 0; j < 2; j++) {
                                s += x.get(b, c, 2 * oh + i, 2 * ow + j);
                            }
                        }
                        assertEquals(s / 4, avg.get(b, c, oh, ow), 1e-15);
                    }
                }
            }
        }
    }

    @Test
    void maxPoolPropagatesNaN() {
        for (double[] window : new double[][] {{1, Double.NaN, 3, 2}, {Double.NaN, 5, 3, 2}, {1, 2, 3, Double.NaN}}) {
            Tensor x = Tensor.of(window, 1, 1, 2, 2);
            assertTrue(Double.isNaN(Pool.maxPool2d(Var.constant(x), 2, 2).item()));
        }
    }

    @Test
    void maxPoolSendsTheGradientToTheFirstMaximumOrFirstNaN() {
        double negNan = Double.longBitsToDouble(Double.doubleToRawLongBits(Double.NaN) | Long.MIN_VALUE);
        double inf = Double.POSITIVE_INFINITY;
        double[][] windows = {{2, 5, 5, 1}, {-0.0, 0.0, -1, -2}, {0.0, -0.0, -1, -2}, {1, negNan, Double.NaN, 3},
            {-inf, -inf, -inf, -inf}, {1, 2, 3, inf}, {Double.MIN_VALUE, -Double.MIN_VALUE, 0, Double.MIN_VALUE}};
        int[] first = {1, 0, 0, 1, 0, 3, 0};
        for (DType dt : DType.values()) {
            for (int w = 0; w < windows.length; w++) {
                Var x = Var.param(Tensor.of(windows[w], 1, 1, 2, 2).to(dt));
                Var y = Pool.maxPool2d(x, 2, 2);
                double[] g = Grad.gradTensors(y, List.of(x)).get(0).toDoubleArray();
                double[] expected = new double[4];
                expected[first[w]] = 1;
                assertArrayEquals(expected, g, dt + " window " + w);
                assertEquals(x.value().getFlat(first[w]), y.item(), 0.0, dt + " window " + w);
            }
        }
    }

    @Test
    void poolingGradients() {
        check(v -> Pool.maxPool2d(v.get(0), 2, 2), randn(13, 2, 3, 6, 5));
        check(v -> Pool.maxPool2d(v.get(0), 3, 1), randn(14, 1, 2, 5, 5));
        check(v -> Pool.avgPool2d(v.get(0), 2, 2), randn(15, 2, 3, 6, 5));
        check(v -> Pool.avgPool2d(v.get(0), 3, 2), randn(16, 1, 2, 7, 6));
    }

    @Test
    void poolingSecondOrderGradients() {
        // d/dg of ∂⟨g, pool(x)⟩/∂x exercises the backward ops (scatter) and, through them, the gather again.
        check(recording(v -> firstGradient(Pool.maxPool2d(v.get(0), 2, 2), Activations.tanh(v.get(1)), v.get(0))),
                randn(17, 1, 2, 4, 4), randn(18, 1, 2, 2, 2));
        check(recording(v -> firstGradient(Pool.avgPool2d(v.get(0), 2, 1), Activations.tanh(v.get(1)), v.get(0))),
                randn(19, 1, 2, 4, 4), randn(20, 1, 2, 3, 3));
    }

    @Test
    void float32FollowsFloat64() {
        Tensor x = randn(21, 3, 2, 9, 8);
        Tensor w = randn(22, 4, 2, 3, 3);
        Tensor b = randn(23, 4);
        Tensor proj = randn(24, 3, 4, 3, 3);
        for (DType dt : DType.values()) {
            Var xv = Var.param(x.to(dt));
            Var wv = Var.param(w.to(dt));
            Var bv = Var.param(b.to(dt));
            Var y = Pool.avgPool2d(Activations.relu(Conv.conv2d(xv, wv, bv, 1, 1)), 2, 2);
            Var h = Pool.maxPool2d(y, 2, 1);
            assertEquals(dt, h.dtype());
            Var loss = Ops.sum(Ops.mul(h, Var.constant(proj.to(dt))));
            List<Tensor> g = Grad.gradTensors(loss, List.of(xv, wv, bv));
            if (dt == DType.FLOAT32) {
                Var x64 = Var.param(x);
                Var w64 = Var.param(w);
                Var b64 = Var.param(b);
                Var h64 = Pool.maxPool2d(Pool.avgPool2d(Activations.relu(Conv.conv2d(x64, w64, b64, 1, 1)), 2, 2),
                        2, 1);
                List<Tensor> g64 = Grad.gradTensors(Ops.sum(Ops.mul(h64, Var.constant(proj))),
                        List.of(x64, w64, b64));
                assertClose(h64.value(), h.value(), 1e-4);
                for (int i = 0; i < 3; i++) {
                    assertEquals(DType.FLOAT32, g.get(i).dtype());
                    assertClose(g64.get(i), g.get(i), 1e-4);
                }
            }
        }
    }

    @Test
    void shapeErrorsNameOpAndShapes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> Conv.conv2d(Var.constant(randn(1, 2, 3, 5, 5)), Var.constant(randn(2, 4, 2, 3, 3)), null, 1, 0));
        assertEquals("conv2d: input [2, 3, 5, 5] does not fit weight [4, 2, 3, 3] (expected input [batch, 2, height,"
                + " width])", e.getMessage());
        ShapeException big = assertThrows(ShapeException.class,
                () -> Conv.conv2d(Var.constant(randn(1, 1, 1, 2, 2)), Var.constant(randn(2, 1, 1, 3, 3)), null, 1, 0));
        assertEquals("conv2d: input [1, 1, 2, 2], weight [1, 1, 3, 3]: a 3x3 window with stride 1 and padding 0 does"
                + " not fit a 2x2 plane", big.getMessage());
        assertThrows(ShapeException.class, () -> Pool.maxPool2d(Var.constant(randn(1, 4, 4)), 2, 2));
    }

    /** {@code ∂⟨upstream, y⟩/∂wrt} as a differentiable value (a first backward pass that records its own graph). */
    private static Var firstGradient(Var y, Var upstream, Var wrt) {
        return Grad.grad(Ops.sum(Ops.mul(y, upstream)), List.of(wrt), null, true).get(0);
    }

    /** {@code f} with recording on, also when GradCheck evaluates it for finite differences with recording off. */
    private static Function<List<Var>, Var> recording(Function<List<Var>, Var> f) {
        return v -> {
            try (GradMode on = GradMode.on()) {
                return f.apply(v);
            }
        };
    }

    private static void assertClose(Tensor expected, Tensor actual, double tol) {
        assertArrayEquals(expected.dims(), actual.dims());
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getFlat(i);
            assertEquals(e, actual.getFlat(i), tol * Math.max(1, Math.abs(e)), "element " + i);
        }
    }

    private static Tensor directConv(Tensor x, Tensor w, Tensor b, int stride, int pad) {
        int nb = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int wd = x.dim(3);
        int o = w.dim(0);
        int kh = w.dim(2);
        int kw = w.dim(3);
        int ho = (h + 2 * pad - kh) / stride + 1;
        int wo = (wd + 2 * pad - kw) / stride + 1;
        Tensor y = Tensor.zeros(DType.FLOAT64, nb, o, ho, wo);
        for (int n = 0; n < nb; n++) {
            for (int oc = 0; oc < o; oc++) {
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        double s = b.get(oc);
                        for (int ic = 0; ic < c; ic++) {
                            for (int p = 0; p < kh; p++) {
                                for (int q = 0; q < kw; q++) {
                                    int ih = i * stride - pad + p;
                                    int iw = j * stride - pad + q;
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                        s += w.get(oc, ic, p, q) * x.get(n, ic, ih, iw);
                                    }
                                }
                            }
                        }
                        y.set(s, n, oc, i, j);
                    }
                }
            }
        }
        return y;
    }
}
