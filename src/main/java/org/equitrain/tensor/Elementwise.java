package org.equitrain.tensor;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Elementwise kernels: unary maps and broadcasting binary operations, in the operands' common dtype. */
public final class Elementwise {
    private Elementwise() {
    }

    /** {@code fn} applied to every element, in {@code a}'s dtype (float32 results are rounded from double). */
    public static Tensor map(Tensor a, DoubleUnaryOperator fn) {
        Tensor out = Tensor.uninitialized(a.dtype(), a.shape());
        if (a.dtype() == DType.FLOAT64) {
            double[] x = a.doubles();
            double[] y = out.doubles();
            for (int i = 0; i < x.length; i++) {
                y[i] = fn.applyAsDouble(x[i]);
            }
        } else {
            float[] x = a.floats();
            float[] y = out.floats();
            for (int i = 0; i < x.length; i++) {
                y[i] = (float) fn.applyAsDouble(x[i]);
            }
        }
        return out;
    }

    /**
     * {@code fn(a, b)} with NumPy broadcasting, walked as {@link BroadcastRuns}. An {@link Arithmetic} function runs
     * its own loops (no call per element); any other function is called per element.
     */
    public static Tensor zip(String op, Tensor a, Tensor b, DoubleBinaryOperator fn) {
        DType dt = DType.promote(a.dtype(), b.dtype());
        Tensor x = a.to(dt);
        Tensor y = b.to(dt);
        Shape outShape = Shape.broadcast(op, a.shape(), b.shape());
        Tensor out = Tensor.uninitialized(dt, outShape);
        BroadcastRuns runs = new BroadcastRuns(x.shape(), y.shape(), outShape);
        int n = runs.length();
        int sx = runs.strideA();
        int sy = runs.strideB();
        if (dt == DType.FLOAT64) {
            double[] xs = x.doubles();
            double[] ys = y.doubles();
            double[] z = out.doubles();
            for (int t = 0, zo = 0; t < runs.runs(); t++, zo += n, runs.advance()) {
                int xo = runs.offsetA();
                int yo = runs.offsetB();
                if (fn instanceof Arithmetic ar) {
                    ar.run(xs, xo, sx, ys, yo, sy, z, zo, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        z[zo + i] = fn.applyAsDouble(xs[xo + i * sx], ys[yo + i * sy]);
                    }
                }
            }
        } else {
            float[] xs = x.floats();
            float[] ys = y.floats();
            float[] z = out.floats();
            for (int t = 0, zo = 0; t < runs.runs(); t++, zo += n, runs.advance()) {
                int xo = runs.offsetA();
                int yo = runs.offsetB();
                if (fn instanceof Arithmetic ar) {
                    ar.run(xs, xo, sx, ys, yo, sy, z, zo, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        z[zo + i] = (float) fn.applyAsDouble(xs[xo + i * sx], ys[yo + i * sy]);
                    }
                }
            }
        }
        return out;
    }

    /** {@code a} broadcast to {@code shape} (a copy, or {@code a} itself when it already has that shape). */
    public static Tensor broadcastTo(String op, Tensor a, Shape shape) {
        if (a.shape().equals(shape)) {
            return a;
        }
        if (!Shape.broadcast(op, a.shape(), shape).equals(shape)) {
            throw new ShapeException(op, "cannot broadcast " + a.shape() + " to " + shape);
        }
        Tensor out = Tensor.uninitialized(a.dtype(), shape);
        BroadcastRuns runs = new BroadcastRuns(shape, a.shape(), shape);
        int n = runs.length();
        boolean constant = runs.strideB() == 0;
        Object src = a.dtype() == DType.FLOAT64 ? a.doubles() : a.floats();
        Object dst = a.dtype() == DType.FLOAT64 ? out.doubles() : out.floats();
        for (int t = 0, zo = 0; t < runs.runs(); t++, zo += n, runs.advance()) {
            if (!constant) {
                System.arraycopy(src, runs.offsetB(), dst, zo, n);
            } else if (dst instanceof double[] z) {
                Arrays.fill(z, zo, zo + n, ((double[]) src)[runs.offsetB()]);
            } else {
                Arrays.fill((float[]) dst, zo, zo + n, ((float[]) src)[runs.offsetB()]);
            }
        }
        return out;
    }

    /**
     * {@code max(a, 0)} elementwise (NaN stays NaN, as in PyTorch): ReLU as its own loop, which the JIT vectorises.
     * Through {@link #map} it would cost a call per element, and a {@code x > 0 ? x : 0} branch is mispredicted
     * half the time on a ReLU's inputs, which costs more than the arithmetic.
     */
    public static Tensor relu(Tensor a) {
        return reluInto(a, Tensor.uninitialized(a.dtype(), a.shape()));
    }

    /** max(a, 0) written over {@code a}; returns {@code a}. */
    public static Tensor reluInPlace(Tensor a) {
        return reluInto(a, a);
    }

    private static Tensor reluInto(Tensor a, Tensor out) {
        if (a.dtype() == DType.FLOAT64) {
            double[] x = a.doubles();
            double[] y = out.doubles();
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.max(x[i], 0.0);
            }
        } else {
            float[] x = a.floats();
            float[] y = out.floats();
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.max(x[i], 0f);
            }
        }
        return out;
    }

    /**
     * {@code g · [a > 0]} (the ReLU backward): the product with a 0/1 factor, so a non-finite g still gives NaN.
     * Branch-free, in min/max operations the JIT vectorises: {@code a·2^k·2^k} overflows to +∞ for every positive
     * a, subnormals included, so {@code min(max(a·2^k·2^k, 0), 1)} is 1 above zero and 0 at or below it (−0
     * included); a NaN activation gives a NaN factor.
     */
    public static Tensor mulPositiveMask(Tensor g, Tensor a) {
        if (!g.shape().equals(a.shape()) || g.dtype() != a.dtype()) {
            return zip("mulPositiveMask", g, a, (x, y) -> x * (y > 0 ? 1 : 0));
        }
        Tensor out = Tensor.uninitialized(g.dtype(), g.shape());
        if (g.dtype() == DType.FLOAT64) {
            double[] x = g.doubles();
            double[] y = a.doubles();
            double[] z = out.doubles();
            for (int i = 0; i < z.length; i++) {
                z[i] = x[i] * Math.min(Math.max(y[i] * 0x1p1023 * 0x1p1023, 0.0), 1.0);
            }
        } else {
            float[] x = g.floats();
            float[] y = a.floats();
            float[] z = out.floats();
            for (int i = 0; i < z.length; i++) {
                z[i] = x[i] * Math.min(Math.max(y[i] * 0x1p127f * 0x1p127f, 0f), 1f);
            }
        }
        return out;
    }

    /** Strides of {@code s} viewed in the broadcast shape {@code out}: 0 along broadcast dimensions. */
    static int[] broadcastStrides(Shape s, Shape out) {
        int off = out.rank() - s.rank();
        int[] st = s.strides();
        int[] res = new int[out.rank()];
        for (int k = 0; k < s.rank(); k++) {
            res[k + off] = s.dim(k) == 1 ? 0 : st[k];
        }
        return res;
    }
}
