package org.equitrain.tensor;

/** Reductions over one axis, over all elements, and "sum to shape" (the adjoint of broadcasting). */
public final class Reduce {
    private Reduce() {
    }

    /** The sum of all elements as a scalar of {@code a}'s dtype, accumulated in double. */
    public static Tensor sumAll(Tensor a) {
        double s = 0;
        if (a.dtype() == DType.FLOAT64) {
            for (double v : a.doubles()) {
                s += v;
            }
        } else {
            for (float v : a.floats()) {
                s += v;
            }
        }
        return Tensor.scalar(a.dtype(), s);
    }

    /** Sum over {@code axis}. */
    public static Tensor sum(Tensor a, int axis, boolean keepDim) {
        Shape s = a.shape();
        int ax = s.normalizeAxis(axis);
        int outer = s.sizeBetween(0, ax);
        int n = s.dim(ax);
        int inner = s.sizeBetween(ax + 1, s.rank());
        Tensor out = Tensor.zeros(a.dtype(), s.reduce(ax, keepDim));
        if (a.dtype() == DType.FLOAT64) {
            double[] x = a.doubles();
            double[] y = out.doubles();
            if (inner == 1) { // sums of contiguous rows
                for (int o = 0; o < outer; o++) {
                    double acc = 0;
                    for (int k = o * n, end = k + n; k < end; k++) {
                        acc += x[k];
                    }
                    y[o] = acc;
                }
                return out;
            }
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < n; k++) {
                    int base = (o * n + k) * inner;
                    for (int i = 0; i < inner; i++) {
                        y[o * inner + i] += x[base + i];
                    }
                }
            }
        } else {
            float[] x = a.floats();
            float[] y = out.floats();
            if (inner == 1) {
                for (int o = 0; o < outer; o++) {
                    float acc = 0;
                    for (int k = o * n, end = k + n; k < end; k++) {
                        acc += x[k];
                    }
                    y[o] = acc;
                }
                return out;
            }
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < n; k++) {
                    int base = (o * n + k) * inner;
                    for (int i = 0; i < inner; i++) {
                        y[o * inner + i] += x[base + i];
                    }
                }
            }
        }
        return out;
    }

    /** Max over {@code axis}; {@code argmax} (if non-null, sized like the output) receives the winning index. */
    public static Tensor max(Tensor a, int axis, boolean keepDim, int[] argmax) {
        Shape s = a.shape();
        int ax = s.normalizeAxis(axis);
        int outer = s.sizeBetween(0, ax);
        int n = s.dim(ax);
        int inner = s.sizeBetween(ax + 1, s.rank());
        if (n == 0) {
            throw new ShapeException("max", "cannot take the max over an empty axis of " + s);
        }
        Tensor out = Tensor.zeros(a.dtype(), s.reduce(ax, keepDim));
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                double bv = a.getFlat(o * n * inner + i);
                for (int k = 1; k < n; k++) {
                    double v = a.getFlat((o * n + k) * inner + i);
                    if (v > bv || Double.isNaN(v)) {
                        bv = v;
                        best = k;
                        if (Double.isNaN(v)) {
                            break;
                        }
                    }
                }
                out.setFlat(o * inner + i, bv);
                if (argmax != null) {
                    argmax[o * inner + i] = best;
                }
            }
        }
        return out;
    }

    /** Sums {@code a} over the dimensions along which {@code target} was broadcast to produce {@code a}'s shape. */
    public static Tensor sumTo(Tensor a, Shape target) {
        if (a.shape().equals(target)) {
            return a;
        }
        Tensor t = a;
        int lead = t.rank() - target.rank();
        if (lead < 0) {
            throw new ShapeException("sumTo", "cannot reduce " + a.shape() + " to larger shape " + target);
        }
        for (int i = 0; i < lead; i++) {
            t = sum(t, 0, false);
        }
        for (int k = 0; k < target.rank(); k++) {
            if (target.dim(k) == 1 && t.dim(k) != 1) {
                t = sum(t, k, true);
            } else if (target.dim(k) != t.dim(k)) {
                throw new ShapeException("sumTo", "cannot reduce " + a.shape() + " to " + target);
            }
        }
        return t.reshape(target);
    }
}
