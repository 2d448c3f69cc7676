package org.equitrain.tensor;

/** Axis permutation (generalised transpose), copying into a new row-major tensor. */
public final class Permute {
    private Permute() {
    }

    /** Output axis {@code i} is input axis {@code perm[i]}. */
    public static Tensor permute(Tensor a, int... perm) {
        Shape s = a.shape();
        int r = s.rank();
        if (perm.length != r) {
            throw new ShapeException("permute", "permutation of length " + perm.length + " for shape " + s);
        }
        boolean[] seen = new boolean[r];
        int[] outDims = new int[r];
        int[] inStrides = s.strides();
        int[] st = new int[r];
        for (int i = 0; i < r; i++) {
            int p = s.normalizeAxis(perm[i]);
            if (seen[p]) {
                throw new ShapeException("permute", "axis " + p + " repeated in permutation");
            }
            seen[p] = true;
            outDims[i] = s.dim(p);
            st[i] = inStrides[p];
        }
        Tensor out = Tensor.uninitialized(a.dtype(), outDims);
        if (r == 2 && a.dtype() == DType.FLOAT64) {
            transpose2d(a.doubles(), out.doubles(), s.dim(0), s.dim(1));
            return out;
        }
        int[] idx = new int[r];
        int src = 0;
        for (int i = 0; i < out.size(); i++) {
            out.setFlat(i, a.getFlat(src));
            for (int k = r - 1; k >= 0; k--) {
                idx[k]++;
                src += st[k];
                if (idx[k] < outDims[k]) {
                    break;
                }
                src -= st[k] * idx[k];
                idx[k] = 0;
            }
        }
        return out;
    }

    private static void transpose2d(double[] in, double[] out, int rows, int cols) {
        final int block = 32;
        for (int i0 = 0; i0 < rows; i0 += block) {
            for (int j0 = 0; j0 < cols; j0 += block) {
                int iEnd = Math.min(rows, i0 + block);
                int jEnd = Math.min(cols, j0 + block);
                for (int i = i0; i < iEnd; i++) {
                    for (int j = j0; j < jEnd; j++) {
                        out[j * rows + i] = in[i * cols + j];
                    }
                }
            }
        }
    }
}
