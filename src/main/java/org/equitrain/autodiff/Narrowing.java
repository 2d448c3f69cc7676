package org.equitrain.autodiff;

import org.equitrain.tensor.DType;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/**
 * A contiguous slice along one axis, the piece the chunked hypernetwork heads need to cut a flat parameter vector
 * into the target's tensors. Interim: the ops branch adds {@code Indexing.narrow} with the same signature; at merge,
 * delete this class and call {@code Indexing.narrow} instead.
 */
public final class Narrowing {
    private Narrowing() {
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
        int[] dims = s.dims();
        dims[ax] = length;
        Tensor out = Tensor.zeros(a.dtype(), dims);
        copyBlocks(a.value(), n, start, out, length, 0, length, s.sizeBetween(0, ax), s.sizeBetween(ax + 1, s.rank()));
        return Ops.record("narrow", out, g -> new Var[] {pad(g, ax, start, n)}, a);
    }

    /** The adjoint of narrow: {@code g} placed at {@code [start, start + len)} of a zero axis of size {@code n}. */
    private static Var pad(Var g, int ax, int start, int n) {
        Shape s = g.shape();
        int len = s.dim(ax);
        int[] dims = s.dims();
        dims[ax] = n;
        Tensor out = Tensor.zeros(g.dtype(), dims);
        copyBlocks(g.value(), len, 0, out, n, start, len, s.sizeBetween(0, ax), s.sizeBetween(ax + 1, s.rank()));
        return Ops.record("pad", out, gg -> new Var[] {narrow(gg, ax, start, len)}, g);
    }

    /** Copies {@code len} slabs along an axis, viewing both tensors as {@code [outer, axisSize, inner]}. */
    private static void copyBlocks(Tensor src, int srcAxis, int srcStart, Tensor dst, int dstAxis, int dstStart,
            int len, int outer, int inner) {
        for (int o = 0; o < outer; o++) {
            int from = (o * srcAxis + srcStart) * inner;
            int to = (o * dstAxis + dstStart) * inner;
            if (dst.dtype() == DType.FLOAT64) {
                System.arraycopy(src.doubles(), from, dst.doubles(), to, len * inner);
            } else {
                System.arraycopy(src.floats(), from, dst.floats(), to, len * inner);
            }
        }
    }
}
