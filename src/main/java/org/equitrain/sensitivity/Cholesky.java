package org.equitrain.sensitivity;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * The Cholesky factorisation H = LLᵀ of a dense symmetric positive-definite n×n matrix (LAPACK {@code dpotrf}),
 * with the solves and quadratic forms that MPE needs: H⁻¹b, H⁻¹, log det H and the prediction variances
 * v_i = x_iᵀH⁻¹x_i or covariances V_i = J_i H⁻¹ J_iᵀ of many rows at once.
 *
 * <p>A symmetric matrix is its own transpose, so row-major and column-major storage of H coincide; the factor is
 * kept column-major (LAPACK's layout). A row-major block of m rows r_1 … r_m of length n read column-major is the
 * n×m matrix [r_1 … r_m], which is exactly the right-hand-side layout LAPACK expects. Immutable.
 */
public final class Cholesky {
    private static final LAPACK LAPACK_IMPL = LAPACK.getInstance();
    private static final BLAS BLAS_IMPL = BLAS.getInstance();

    private final int n;
    /** Column-major n×n, lower triangle holds L; the strict upper triangle is unused. */
    private final double[] lower;

    private Cholesky(int n, double[] lower) {
        this.n = n;
        this.lower = lower;
    }

    /**
     * Factors a symmetric positive-definite n×n matrix (only its lower triangle is read; the array is copied).
     *
     * @throws IllegalArgumentException if the matrix is not positive definite, naming the failing leading minor
     */
    public static Cholesky factor(double[] symmetric, int n) {
        if (n < 1 || symmetric.length != n * n) {
            throw new IllegalArgumentException("Cholesky: " + symmetric.length + " values do not fill " + n + "×" + n);
        }
        double[] a = symmetric.clone();
        intW info = new intW(0);
        LAPACK_IMPL.dpotrf("L", n, a, n, info);
        if (info.val > 0) {
            throw new IllegalArgumentException("Cholesky: the " + n + "×" + n + " matrix is not positive definite "
                    + "(its leading minor of order " + info.val + " is not positive); a larger prior precision δ "
                    + "or removing collinear columns makes it so");
        }
        checkInfo("dpotrf", info);
        return new Cholesky(n, a);
    }

    /** Order n of the factored n×n matrix. */
    public int size() {
        return n;
    }

    /** log det H = 2 Σ_k log L_kk. */
    public double logDeterminant() {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += Math.log(lower[k * n + k]);
        }
        return 2 * s;
    }

    /** H⁻¹b. */
    public double[] solve(double[] b) {
        checkLength(b.length, n, "right-hand side");
        return solveRows(b, 1);
    }

    /** H⁻¹r_i for each of {@code count} row-major rows r_i of length n, returned as rows in the same layout. */
    public double[] solveRows(double[] rows, int count) {
        checkLength(rows.length, count * n, "rows");
        double[] x = rows.clone();
        intW info = new intW(0);
        LAPACK_IMPL.dpotrs("L", n, count, lower, n, x, n, info);
        checkInfo("dpotrs", info);
        return x;
    }

    /** H⁻¹ as a full symmetric n×n matrix (LAPACK {@code dpotri}). */
    public double[] inverse() {
        double[] inv = lower.clone();
        intW info = new intW(0);
        LAPACK_IMPL.dpotri("L", n, inv, n, info);
        checkInfo("dpotri", info);
        for (int c = 0; c < n; c++) {
            for (int r = c + 1; r < n; r++) {
                inv[r * n + c] = inv[c * n + r]; // mirror the column-major lower triangle
            }
        }
        return inv;
    }

    /** r_iᵀH⁻¹r_i for each of {@code count} row-major rows r_i (e.g. MPE's v_i = x_iᵀH⁻¹x_i, spec §1). */
    public double[] quadraticForms(double[] rows, int count) {
        double[] z = halfSolve(rows, count);
        double[] q = new double[count];
        for (int i = 0; i < count; i++) {
            double s = 0;
            for (int k = i * n; k < (i + 1) * n; k++) {
                s += z[k] * z[k];
            }
            q[i] = s;
        }
        return q;
    }

    /**
     * A_b H⁻¹ A_bᵀ for consecutive blocks A_b of {@code blockSize} rows each (row-major, {@code count} rows in all):
     * the per-example prediction covariances V_i = J_i H⁻¹ J_iᵀ (spec §1) when block i holds the K rows of J_i,
     * or the cross-example V_G = X_G H⁻¹ X_Gᵀ with a single block. Returns count/blockSize row-major
     * blockSize×blockSize matrices, one after the other.
     */
    public double[] blockQuadraticForms(double[] rows, int count, int blockSize) {
        if (blockSize < 1 || count % blockSize != 0) {
            throw new IllegalArgumentException("Cholesky: " + count + " rows do not split into blocks of "
                    + blockSize);
        }
        double[] z = halfSolve(rows, count);
        int blocks = count / blockSize;
        int b2 = blockSize * blockSize;
        double[] out = new double[blocks * b2];
        for (int b = 0; b < blocks; b++) {
            // (L⁻¹A_bᵀ)ᵀ(L⁻¹A_bᵀ) = A_b H⁻¹ A_bᵀ; Z_b is column-major n×blockSize at offset b·blockSize·n.
            BLAS_IMPL.dgemm("T", "N", blockSize, blockSize, n, 1.0, z, b * blockSize * n, n, z, b * blockSize * n, n,
                    0.0, out, b * b2, blockSize);
        }
        for (int b = 0; b < blocks; b++) {
            symmetrise(out, b * b2, blockSize);
        }
        return out;
    }

    /** Z = L⁻¹[r_1 … r_m] (column-major n×m), by triangular solve (LAPACK {@code dtrtrs}). */
    private double[] halfSolve(double[] rows, int count) {
        checkLength(rows.length, count * n, "rows");
        double[] z = rows.clone();
        if (count == 0) {
            return z;
        }
        intW info = new intW(0);
        LAPACK_IMPL.dtrtrs("L", "N", "N", n, count, lower, n, z, n, info);
        checkInfo("dtrtrs", info);
        return z;
    }

    private static void symmetrise(double[] a, int off, int m) {
        for (int r = 0; r < m; r++) {
            for (int c = r + 1; c < m; c++) {
                double v = 0.5 * (a[off + r * m + c] + a[off + c * m + r]);
                a[off + r * m + c] = v;
                a[off + c * m + r] = v;
            }
        }
    }

    private void checkLength(int got, int expected, String what) {
        if (got != expected) {
            throw new IllegalArgumentException("Cholesky: " + what + " of length " + got + " do not match the "
                    + n + "×" + n + " matrix (expected " + expected + ")");
        }
    }

    private static void checkInfo(String routine, intW info) {
        if (info.val != 0) {
            throw new IllegalStateException("LAPACK " + routine + " failed with info = " + info.val);
        }
    }
}
