package org.equitrain.autodiff;

import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/**
 * Differentiable selection along one axis: a contiguous slice ({@link #narrow}), a list of positions
 * ({@link #indexSelect}), and one position per slice ({@link #gather}). Each backward rule is the adjoint
 * scatter, whose own backward is the selection again, so double backward works. A tensor is viewed as
 * {@code [outer, n, inner]} around the axis.
 */
public final class Indexing {
    private Indexing() {
    }

    /** The slice {@code [start, start + length)} of {@code a} along {@code axis}. */
    public static Var narrow(Var a, int axis, int start, int length) {
        Shape s = a.shape();
        int ax = s.normalizeAxis(axis);
        int n = s.dim(ax);
        if (start < 0 || length < 0 || start + length > n) {
            throw new ShapeException("narrow", "slice [" + start + ", " + (start + length) + ") is outside axis "
                    + ax + " of size " + n + " in shape " + s);
        }
        int outer = s.sizeBetween(0, ax);
        int inner = s.sizeBetween(ax + 1, s.rank());
        int[] dims = s.dims();
        dims[ax] = length;
        Tensor out = Tensor.zeros(a.dtype(), dims);
        for (int o = 0; o < outer; o++) {
            Blocks.copy(a.value(), (o * n + start) * inner, out, o * length * inner, length * inner);
        }
        return Ops.record("narrow", out, g -> new Var[] {pad(g, ax, start, n)}, a);
    }

    /** The adjoint of narrow: {@code g} placed at {@code [start, start + len)} of a zero axis of size {@code n}. */
    private static Var pad(Var g, int ax, int start, int n) {
        Shape s = g.shape();
        int len = s.dim(ax);
        int outer = s.sizeBetween(0, ax);
        int inner = s.sizeBetween(ax + 1, s.rank());
        int[] dims = s.dims();
        dims[ax] = n;
        Tensor out = Tensor.zeros(g.dtype(), dims);
        for (int o = 0; o < outer; o++) {
            Blocks.copy(g.value(), o * len * inner, out, (o * n + start) * inner, len * inner);
        }
        return Ops.record("pad", out, gg -> new Var[] {narrow(gg, ax, start, len)}, g);
    }

    /**
     * The entries of {@code a} at positions {@code index} along {@code axis} (repeats allowed); the output has
     * {@code index.length} entries along that axis. The gradient scatter-adds back, so repeats accumulate.
     */
    public static Var indexSelect(Var a, int axis, int[] index) {
        Shape s = a.shape();
        int ax = s.normalizeAxis(axis);
        int n = s.dim(ax);
        checkIndices("indexSelect", index, n, ax);
        int outer = s.sizeBetween(0, ax);
        int inner = s.sizeBetween(ax + 1, s.rank());
        int m = index.length;
        int[] dims = s.dims();
        dims[ax] = m;
        Tensor out = Tensor.zeros(a.dtype(), dims);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                Blocks.copy(a.value(), (o * n + index[j]) * inner, out, (o * m + j) * inner, inner);
            }
        }
        return Ops.record("indexSelect", out, g -> new Var[] {indexAdd(g, ax, index, n)}, a);
    }

    /** The adjoint of indexSelect: a zero axis of size {@code n} with {@code g}'s entry j added at index[j]. */
    private static Var indexAdd(Var g, int ax, int[] index, int n) {
        Shape s = g.shape();
        int outer = s.sizeBetween(0, ax);
        int inner = s.sizeBetween(ax + 1, s.rank());
        int m = index.length;
        int[] dims = s.dims();
        dims[ax] = n;
        Tensor out = Tensor.zeros(g.dtype(), dims);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                Blocks.add(g.value(), (o * m + j) * inner, out, (o * n + index[j]) * inner, inner);
            }
        }
        return Ops.record("indexAdd", out, gg -> new Var[] {indexSelect(gg, ax, index)}, g);
    }

    /**
     * One entry per slice along {@code axis}: the output has {@code a}'s shape without that axis, and its flat
     * element k is {@code a} at position {@code index[k]} along the axis. For logits x [B, K] and targets t,
     * {@code gather(x, 1, t)} is the [B] vector of target logits.
     */
    public static Var gather(Var a, int axis, int[] index) {
        Shape s = a.shape();
        int ax = s.normalizeAxis(axis);
        Shape outShape = s.reduce(ax, false);
        if (index.length != outShape.size()) {
            throw new ShapeException("gather", index.length + " indices for " + outShape.size()
                    + " slices along axis " + ax + " of shape " + s);
        }
        int n = s.dim(ax);
        checkIndices("gather", index, n, ax);
        int inner = s.sizeBetween(ax + 1, s.rank());
        Tensor x = a.value();
        Tensor out = Tensor.zeros(a.dtype(), outShape);
        for (int k = 0; k < index.length; k++) {
            int o = k / inner;
            out.setFlat(k, x.getFlat((o * n + index[k]) * inner + k % inner));
        }
        return Ops.record("gather", out, g -> new Var[] {scatter(g, ax, index, n)}, a);
    }

    /** {@code gather} along the last axis: for x [B, K], the entry {@code x[b, index[b]]} of each row. */
    public static Var gather(Var a, int[] index) {
        return gather(a, -1, index);
    }

    /** The adjoint of gather: an axis of size {@code n} inserted at {@code ax}, zero except at the indices. */
    private static Var scatter(Var g, int ax, int[] index, int n) {
        Shape s = g.shape();
        int inner = s.sizeBetween(ax, s.rank());
        int[] dims = new int[s.rank() + 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            dims[i] = i == ax ? n : s.dim(j++);
        }
        Tensor out = Tensor.zeros(g.dtype(), dims);
        Tensor gv = g.value();
        for (int k = 0; k < index.length; k++) {
            int o = k / inner;
            out.setFlat((o * n + index[k]) * inner + k % inner, gv.getFlat(k));
        }
        return Ops.record("scatter", out, gg -> new Var[] {gather(gg, ax, index)}, g);
    }

    /**
     * Integer codes stored as doubles (class labels, embedding ids), checked to be whole numbers in
     * {@code [0, size)}; the error names the op, the position and the value.
     */
    public static int[] codes(String op, Tensor values, int size) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            double v = values.getFlat(i);
            if (!(v >= 0 && v < size) || v != Math.rint(v)) {
                throw new IllegalArgumentException(op + ": code " + v + " at position " + i
                        + " is not an integer in [0, " + size + ")");
            }
            out[i] = (int) v;
        }
        return out;
    }

    private static void checkIndices(String op, int[] index, int n, int ax) {
        for (int k = 0; k < index.length; k++) {
            if (index[k] < 0 || index[k] >= n) {
                throw new IndexOutOfBoundsException(op + ": index " + index[k] + " at position " + k
                        + " is out of range for axis " + ax + " of size " + n);
            }
        }
    }
}
