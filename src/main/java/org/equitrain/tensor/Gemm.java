package org.equitrain.tensor;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Matrix products through {@code dev.ludovic.netlib:blas}: native OpenBLAS via JNI where the machine has
 * {@code libblas.so.3}, the Vector-API or plain-Java kernel otherwise. Row-major products are computed as the
 * column-major product of the transposes: C = A·B  ⇔  Cᵀ = Bᵀ·Aᵀ.
 */
public final class Gemm {
    private static final BLAS BLAS_IMPL = BLAS.getInstance();

    private Gemm() {
    }

    /** The BLAS implementation in use (e.g. {@code JNIBLAS} for native OpenBLAS). */
    public static String implementation() {
        return BLAS_IMPL.getClass().getSimpleName();
    }

    /**
     * Batched {@code op(A)·op(B)} where the last two dims are the matrices and leading dims broadcast.
     * {@code transA} means A's last two dims are read as their transpose.
     */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new ShapeException("matmul", "needs operands of rank >= 2, got " + a.shape() + " and " + b.shape());
        }
        DType dt = DType.promote(a.dtype(), b.dtype());
        a = a.to(dt);
        b = b.to(dt);
        int ar = a.dim(-2);
        int ac = a.dim(-1);
        int br = b.dim(-2);
        int bc = b.dim(-1);
        int m = transA ? ac : ar;
        int k = transA ? ar : ac;
        int kb = transB ? bc : br;
        int n = transB ? br : bc;
        if (k != kb) {
            throw new ShapeException("matmul", "inner dimensions differ: " + a.shape() + (transA ? "ᵀ" : "")
                    + " · " + b.shape() + (transB ? "ᵀ" : ""));
        }
        Shape batchA = Shape.of(batchDims(a));
        Shape batchB = Shape.of(batchDims(b));
        Shape batch = Shape.broadcast("matmul", batchA, batchB);
        int[] outDims = new int[batch.rank() + 2];
        System.arraycopy(batch.dims(), 0, outDims, 0, batch.rank());
        outDims[batch.rank()] = m;
        outDims[batch.rank() + 1] = n;
        Tensor out = Tensor.uninitialized(dt, outDims);
        int[] sa = Elementwise.broadcastStrides(batchA, batch);
        int[] sb = Elementwise.broadcastStrides(batchB, batch);
        int[] idx = new int[batch.rank()];
        for (int t = 0; t < batch.size(); t++) {
            int ia = 0;
            int ib = 0;
            for (int q = 0; q < idx.length; q++) {
                ia += idx[q] * sa[q];
                ib += idx[q] * sb[q];
            }
            gemm(a, ia * ar * ac, b, ib * br * bc, out, t * m * n, m, n, k, transA, transB, 1.0, 0.0);
            for (int q = idx.length - 1; q >= 0; q--) {
                if (++idx[q] < batch.dim(q)) {
                    break;
                }
                idx[q] = 0;
            }
        }
        return out;
    }

    private static int[] batchDims(Tensor t) {
        int[] d = t.dims();
        int[] res = new int[d.length - 2];
        System.arraycopy(d, 0, res, 0, res.length);
        return res;
    }

    /**
     * Row-major C[m×n] (at {@code offC}) = alpha·op(A)·op(B) + beta·C, with A, B stored row-major at the given
     * offsets. All three tensors must have the same dtype.
     */
    public static void gemm(Tensor a, int offA, Tensor b, int offB, Tensor c, int offC, int m, int n, int k,
            boolean transA, boolean transB, double alpha, double beta) {
        if (m == 0 || n == 0) {
            return;
        }
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        // Column-major view: Cᵀ(n×m) = op(B)ᵀ(n×k) · op(A)ᵀ(k×m).
        String tb = transB ? "T" : "N";
        String ta = transA ? "T" : "N";
        if (k == 0) {
            scale(c, offC, m * n, beta);
            return;
        }
        if (c.dtype() == DType.FLOAT64) {
            BLAS_IMPL.dgemm(tb, ta, n, m, k, alpha, b.doubles(), offB, Math.max(1, ldb), a.doubles(), offA,
                    Math.max(1, lda), beta, c.doubles(), offC, Math.max(1, n));
        } else {
            BLAS_IMPL.sgemm(tb, ta, n, m, k, (float) alpha, b.floats(), offB, Math.max(1, ldb), a.floats(), offA,
                    Math.max(1, lda), (float) beta, c.floats(), offC, Math.max(1, n));
        }
    }

    private static void scale(Tensor c, int off, int len, double beta) {
        for (int i = off; i < off + len; i++) {
            c.setFlat(i, beta == 0 ? 0 : beta * c.getFlat(i));
        }
    }
}
