package org.equitrain.tensor;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Elementwise kernels: unary maps and broadcasting binary operations, in the operands' common dtype. */
public final class Elementwise {
    private Elementwise() {
    }

    public static Tensor map(Tensor a, DoubleUnaryOperator fn) {
        Tensor out = Tensor.zeros(a.dtype(), a.shape());
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

    /** {@code fn(a, b)} with NumPy broadcasting; fast paths for equal shapes and for a trailing-block operand. */
    public static Tensor zip(String op, Tensor a, Tensor b, DoubleBinaryOperator fn) {
        DType dt = DType.promote(a.dtype(), b.dtype());
        Tensor x = a.to(dt);
        Tensor y = b.to(dt);
        Shape outShape = Shape.broadcast(op, a.shape(), b.shape());
        Tensor out = Tensor.zeros(dt, outShape);
        int n = outShape.size();
        if (x.size() == n && y.size() == n) {
            zipBlocks(x, y, out, fn, n, n, n);
        } else if (x.size() == n && isTrailingBlock(y.shape(), outShape)) {
            zipBlocks(x, y, out, fn, n, y.size(), n);
        } else if (y.size() == n && isTrailingBlock(x.shape(), outShape)) {
            zipBlocks(x, y, out, fn, x.size(), n, n);
        } else {
            zipGeneral(x, y, out, fn);
        }
        return out;
    }

    /** True when {@code s}, padded with leading 1s, equals the trailing dims of {@code out} (so it repeats whole). */
    private static boolean isTrailingBlock(Shape s, Shape out) {
        int off = out.rank() - s.rank();
        int i = 0;
        while (i < s.rank() && s.dim(i) == 1) {
            i++;
        }
        for (; i < s.rank(); i++) {
            if (s.dim(i) != out.dim(i + off)) {
                return false;
            }
        }
        return true;
    }

    /** Operands whose flat index is {@code i % na} and {@code i % nb}. */
    private static void zipBlocks(Tensor a, Tensor b, Tensor out, DoubleBinaryOperator fn, int na, int nb, int n) {
        if (out.dtype() == DType.FLOAT64) {
            double[] x = a.doubles();
            double[] y = b.doubles();
            double[] z = out.doubles();
            if (na == n && nb == n) {
                for (int i = 0; i < n; i++) {
                    z[i] = fn.applyAsDouble(x[i], y[i]);
                }
            } else if (na == n) {
                for (int base = 0; base < n; base += nb) {
                    for (int j = 0; j < nb; j++) {
                        z[base + j] = fn.applyAsDouble(x[base + j], y[j]);
                    }
                }
            } else {
                for (int base = 0; base < n; base += na) {
                    for (int j = 0; j < na; j++) {
                        z[base + j] = fn.applyAsDouble(x[j], y[base + j]);
                    }
                }
            }
        } else {
            float[] x = a.floats();
            float[] y = b.floats();
            float[] z = out.floats();
            if (na == n && nb == n) {
                for (int i = 0; i < n; i++) {
                    z[i] = (float) fn.applyAsDouble(x[i], y[i]);
                }
            } else if (na == n) {
                for (int base = 0; base < n; base += nb) {
                    for (int j = 0; j < nb; j++) {
                        z[base + j] = (float) fn.applyAsDouble(x[base + j], y[j]);
                    }
                }
            } else {
                for (int base = 0; base < n; base += na) {
                    for (int j = 0; j < na; j++) {
                        z[base + j] = (float) fn.applyAsDouble(x[j], y[base + j]);
                    }
                }
            }
        }
    }

    private static void zipGeneral(Tensor a, Tensor b, Tensor out, DoubleBinaryOperator fn) {
        Shape s = out.shape();
        int r = s.rank();
        int[] sa = broadcastStrides(a.shape(), s);
        int[] sb = broadcastStrides(b.shape(), s);
        int[] idx = new int[r];
        int ia = 0;
        int ib = 0;
        for (int i = 0; i < s.size(); i++) {
            out.setFlat(i, fn.applyAsDouble(a.getFlat(ia), b.getFlat(ib)));
            for (int k = r - 1; k >= 0; k--) {
                idx[k]++;
                ia += sa[k];
                ib += sb[k];
                if (idx[k] < s.dim(k)) {
                    break;
                }
                ia -= sa[k] * idx[k];
                ib -= sb[k] * idx[k];
                idx[k] = 0;
            }
        }
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
