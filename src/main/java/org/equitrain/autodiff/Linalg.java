package org.equitrain.autodiff;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;
import org.netlib.util.intW;

/**
 * Differentiable linear algebra on matrices in the last two dims, batched over leading dims: Cholesky factor,
 * triangular solve, log-determinant of an SPD matrix, triangles and diagonals. Factorisation and solves run in
 * netlib LAPACK/BLAS, which are column-major: a row-major matrix is read there as its transpose, and each call
 * below swaps upper/lower or the side accordingly.
 */
public final class Linalg {
    private static final LAPACK LAPACK_IMPL = LAPACK.getInstance();
    private static final BLAS BLAS_IMPL = BLAS.getInstance();

    private Linalg() {
    }

    /**
     * The lower Cholesky factor L with {@code L·Lᵀ = ½(A + Aᵀ)} of each matrix in {@code a} [..., n, n]. Taking
     * the symmetric part makes the (symmetric) gradient exact for any perturbation of A. A matrix that is not
     * positive definite is an error naming the leading minor that failed and its position in the batch.
     */
    public static Var cholesky(Var a) {
        Shape s = a.shape();
        int n = squareSize("cholesky", s);
        int batch = s.sizeBetween(0, s.rank() - 2);
        Tensor x = a.value();
        Tensor out = Tensor.zeros(x.dtype(), s);
        intW info = new intW(0);
        for (int t = 0; t < batch; t++) {
            int off = t * n * n;
            for (int r = 0; r < n; r++) {
                for (int c = 0; c <= r; c++) {
                    out.setFlat(off + r * n + c, 0.5 * (x.getFlat(off + r * n + c) + x.getFlat(off + c * n + r)));
                }
            }
            // Row-major lower triangle = column-major upper triangle: dpotrf('U') gives U = Lᵀ in place.
            if (out.dtype() == DType.FLOAT64) {
                LAPACK_IMPL.dpotrf("U", n, out.doubles(), off, Math.max(1, n), info);
            } else {
                LAPACK_IMPL.spotrf("U", n, out.floats(), off, Math.max(1, n), info);
            }
            if (info.val != 0) {
                throw new IllegalArgumentException("cholesky: matrix is not positive definite: its leading minor of"
                        + " order " + info.val + " is not positive" + batchPosition(t, s));
            }
        }
        Var[] self = new Var[1];
        self[0] = Ops.record("cholesky", out, g -> new Var[] {choleskyBackward(self[0], g)}, a);
        return self[0];
    }

    /**
     * Murray (2016), "Differentiation of the Cholesky decomposition", arXiv 1602.07527, Sec. 3 (symbolic reverse
     * mode): with P = Φ(Lᵀ L̄), Φ = lower triangle with the diagonal halved, the adjoint of an input read through its
     * lower triangle is Φ(L⁻ᵀ P L⁻¹). The forward pass here factors ½(A + Aᵀ), so the adjoint is the symmetric
     * ½(S + Sᵀ) with S = L⁻ᵀ P L⁻¹. Written with differentiable ops, so it can itself be differentiated.
     */
    private static Var choleskyBackward(Var l, Var gl) {
        Var p = triangle(Ops.matmul(l, tril(gl), true, false), true, 0.5);
        Var y = triangularSolve(l, p, true, true);
        Var m = Ops.transpose(triangularSolve(l, Ops.transpose(y, -1, -2), true, true), -1, -2);
        return Ops.mulScalar(Ops.add(m, Ops.transpose(m, -1, -2)), 0.5);
    }

    /**
     * X with {@code op(A)·X = B}, where A [..., n, n] is lower (or upper) triangular, only that triangle is read,
     * and op transposes when {@code transpose} is set. B is [..., n, k] with the same batch dims as A, or A is a
     * single [n, n] matrix shared by every B in the batch.
     */
    public static Var triangularSolve(Var a, Var b, boolean lower, boolean transpose) {
        Shape sa = a.shape();
        Shape sb = b.shape();
        int n = squareSize("triangularSolve", sa);
        boolean shared = sa.rank() == 2;
        if (sb.rank() < 2 || sb.dim(-2) != n
                || !shared && !sb.reduce(-1, false).equals(sa.reduce(-1, false))) {
            throw new ShapeException("triangularSolve", "right-hand side " + sb + " does not fit matrix " + sa
                    + " (expected [..., " + n + ", k] with the matrix's batch dims, or a single [n, n] matrix)");
        }
        DType dt = DType.promote(a.dtype(), b.dtype());
        Tensor av = a.value().to(dt);
        Tensor x = b.value().to(dt).copy();
        int k = sb.dim(-1);
        int batch = sb.sizeBetween(0, sb.rank() - 2);
        for (int t = 0; t < (shared ? 1 : batch); t++) {
            for (int i = 0; i < n; i++) {
                if (av.getFlat(t * n * n + i * n + i) == 0) {
                    throw new ArithmeticException("triangularSolve: matrix is singular: diagonal entry " + i
                            + " is zero" + batchPosition(t, sa));
                }
            }
        }
        // Column-major view: Xᵀ·op(A)ᵀ = Bᵀ, a right-side solve with Aᵀ, whose triangle is the other one.
        String uplo = lower ? "U" : "L";
        String trans = transpose ? "T" : "N";
        for (int t = 0; t < batch && n > 0 && k > 0; t++) {
            int offA = shared ? 0 : t * n * n;
            if (dt == DType.FLOAT64) {
                BLAS_IMPL.dtrsm("R", uplo, trans, "N", k, n, 1.0, av.doubles(), offA, n, x.doubles(), t * n * k, k);
            } else {
                BLAS_IMPL.strsm("R", uplo, trans, "N", k, n, 1f, av.floats(), offA, n, x.floats(), t * n * k, k);
            }
        }
        Var[] self = new Var[1];
        self[0] = Ops.record("triangularSolve", x, g -> {
            Var gb = triangularSolve(a, g, lower, !transpose); // B̄ = op(A)⁻ᵀ X̄
            Var ga = null;
            if (a.requiresGrad()) {
                // op(A)̄ = −B̄ Xᵀ, restricted to the triangle that was read.
                Var full = transpose ? Ops.matmul(self[0], gb, false, true) : Ops.matmul(gb, self[0], false, true);
                ga = Ops.sumTo(triangle(Ops.neg(full), lower, 1.0), a.shape());
            }
            return new Var[] {ga, b.requiresGrad() ? gb : null};
        }, a, b);
        return self[0];
    }

    /** {@code log det A} of symmetric positive definite matrices [..., n, n] → [...], as 2 Σ log diag(chol A). */
    public static Var logdet(Var a) {
        return Ops.mulScalar(Ops.sum(Activations.log(diagonal(cholesky(a))), -1, false), 2);
    }

    /** The lower triangle (with the diagonal) of each matrix; zeros above. */
    public static Var tril(Var a) {
        return triangle(a, true, 1.0);
    }

    /** The upper triangle (with the diagonal) of each matrix; zeros below. */
    public static Var triu(Var a) {
        return triangle(a, false, 1.0);
    }

    /** One triangle of each matrix with its diagonal scaled by {@code diagWeight}; linear and self-adjoint. */
    private static Var triangle(Var a, boolean lower, double diagWeight) {
        Shape s = a.shape();
        int n = squareSize(lower ? "tril" : "triu", s);
        Tensor x = a.value();
        Tensor out = Tensor.zeros(x.dtype(), s);
        for (int off = 0; off < x.size(); off += n * n) {
            for (int r = 0; r < n; r++) {
                for (int c = lower ? 0 : r; c < (lower ? r + 1 : n); c++) {
                    int i = off + r * n + c;
                    out.setFlat(i, r == c ? diagWeight * x.getFlat(i) : x.getFlat(i));
                }
            }
        }
        return Ops.record(lower ? "tril" : "triu", out, g -> new Var[] {triangle(g, lower, diagWeight)}, a);
    }

    /** The diagonals of matrices [..., n, n] as vectors [..., n]. */
    public static Var diagonal(Var a) {
        Shape s = a.shape();
        int n = squareSize("diagonal", s);
        Tensor x = a.value();
        Tensor out = Tensor.zeros(x.dtype(), s.reduce(-1, false));
        for (int t = 0; t < out.size() / Math.max(1, n); t++) {
            for (int i = 0; i < n; i++) {
                out.setFlat(t * n + i, x.getFlat(t * n * n + i * n + i));
            }
        }
        return Ops.record("diagonal", out, g -> new Var[] {diagEmbed(g)}, a);
    }

    /** Diagonal matrices [..., n, n] with the vectors [..., n] on their diagonals. */
    public static Var diagEmbed(Var v) {
        Shape s = v.shape();
        if (s.rank() < 1) {
            throw new ShapeException("diagEmbed", "needs a vector or a batch of vectors, got shape " + s);
        }
        int n = s.dim(-1);
        int[] dims = new int[s.rank() + 1];
        System.arraycopy(s.dims(), 0, dims, 0, s.rank());
        dims[s.rank()] = n;
        Tensor x = v.value();
        Tensor out = Tensor.zeros(x.dtype(), dims);
        for (int t = 0; t < x.size() / Math.max(1, n); t++) {
            for (int i = 0; i < n; i++) {
                out.setFlat(t * n * n + i * n + i, x.getFlat(t * n + i));
            }
        }
        return Ops.record("diagEmbed", out, g -> new Var[] {diagonal(g)}, v);
    }

    private static int squareSize(String op, Shape s) {
        if (s.rank() < 2 || s.dim(-1) != s.dim(-2)) {
            throw new ShapeException(op, "needs square matrices [..., n, n], got shape " + s);
        }
        return s.dim(-1);
    }

    /** " (matrix t of the batch of shape [...])" for batched inputs, empty for a single matrix. */
    private static String batchPosition(int t, Shape s) {
        if (s.rank() == 2) {
            return "";
        }
        int[] dims = s.dims();
        int[] batch = new int[dims.length - 2];
        System.arraycopy(dims, 0, batch, 0, batch.length);
        return " (matrix " + t + " of the batch of shape " + Shape.of(batch) + ")";
    }
}
