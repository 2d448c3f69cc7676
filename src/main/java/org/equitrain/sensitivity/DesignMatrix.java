package org.equitrain.sensitivity;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;
import org.equitrain.tensor.Tensor;

/**
 * A dense row-major N×P design matrix X (one row x_iᵀ per example) with the BLAS products that the exact MPE
 * models need. Row-major X read column-major is Xᵀ (P×N, leading dimension P), so every product is one BLAS call
 * on the stored array. Immutable.
 */
public final class DesignMatrix {
    private static final BLAS BLAS_IMPL = BLAS.getInstance();

    private final double[] data;
    private final int rows;
    private final int cols;

    private DesignMatrix(double[] data, int rows, int cols) {
        if (rows < 1 || cols < 1 || data.length != (long) rows * cols) {
            throw new IllegalArgumentException("design matrix: " + data.length + " values do not fill " + rows + "×"
                    + cols + " (need at least one row and one column)");
        }
        for (int k = 0; k < data.length; k++) {
            if (!Double.isFinite(data[k])) {
                throw new IllegalArgumentException("design matrix: non-finite value " + data[k] + " at row "
                        + (k / cols) + ", column " + (k % cols));
            }
        }
        this.data = data;
        this.rows = rows;
        this.cols = cols;
    }

    /** A copy of a row-major array holding {@code rows × cols} values. */
    public static DesignMatrix of(double[] rowMajor, int rows, int cols) {
        return new DesignMatrix(rowMajor.clone(), rows, cols);
    }

    /** A copy of rectangular rows. */
    public static DesignMatrix of(double[][] rowArrays) {
        int n = rowArrays.length;
        int p = n == 0 ? 0 : rowArrays[0].length;
        double[] d = new double[n * p];
        for (int i = 0; i < n; i++) {
            if (rowArrays[i].length != p) {
                throw new IllegalArgumentException("design matrix: row " + i + " has " + rowArrays[i].length
                        + " values, row 0 has " + p);
            }
            System.arraycopy(rowArrays[i], 0, d, i * p, p);
        }
        return new DesignMatrix(d, n, p);
    }

    /** A float64 copy of a rank-2 tensor [N, P]. */
    public static DesignMatrix of(Tensor x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("design matrix: needs a rank-2 tensor [N, P], got " + x.shape());
        }
        return new DesignMatrix(x.toDoubleArray(), x.dim(0), x.dim(1));
    }

    /** Number of rows N (examples). */
    public int rows() {
        return rows;
    }

    /** Number of columns P (features). */
    public int cols() {
        return cols;
    }

    /** Entry X[i, j]. */
    public double get(int i, int j) {
        return data[i * cols + j];
    }

    /** A copy of row x_i. */
    public double[] row(int i) {
        return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }

    /** The row-major values, not copied: callers inside this package must not modify them. */
    double[] values() {
        return data;
    }

    /** [1, x_i] for every row: a leading column of ones (the intercept is then coefficient 0). */
    public DesignMatrix withInterceptColumn() {
        double[] d = new double[rows * (cols + 1)];
        for (int i = 0; i < rows; i++) {
            d[i * (cols + 1)] = 1.0;
            System.arraycopy(data, i * cols, d, i * (cols + 1) + 1, cols);
        }
        return new DesignMatrix(d, rows, cols + 1);
    }

    /** The rows at the given indices, in that order (X_G for a group G). */
    public DesignMatrix selectRows(int[] indices) {
        double[] d = new double[indices.length * cols];
        for (int r = 0; r < indices.length; r++) {
            System.arraycopy(data, checkRow(indices[r]) * cols, d, r * cols, cols);
        }
        return new DesignMatrix(d, indices.length, cols);
    }

    /** Xθ: the linear predictors f_i = x_iᵀθ of every row. */
    public double[] times(double[] theta) {
        checkLength("θ", theta.length, cols);
        double[] f = new double[rows];
        BLAS_IMPL.dgemv("T", cols, rows, 1.0, data, cols, theta, 1, 0.0, f, 1);
        return f;
    }

    /** Xᵀr = Σ_i r_i x_i. */
    public double[] transposeTimes(double[] r) {
        checkLength("r", r.length, rows);
        double[] out = new double[cols];
        BLAS_IMPL.dgemv("N", cols, rows, 1.0, data, cols, r, 1, 0.0, out, 1);
        return out;
    }

    /** XᵀWX = Σ_i w_i x_i x_iᵀ, a symmetric P×P matrix (row-major). */
    public double[] weightedGram(double[] weights) {
        checkLength("weights", weights.length, rows);
        double[] scaled = new double[data.length];
        for (int i = 0; i < rows; i++) {
            double w = weights[i];
            for (int j = i * cols; j < (i + 1) * cols; j++) {
                scaled[j] = w * data[j];
            }
        }
        // Column-major: G(P×P) = Xᵀ (P×N) · (WX) (N×P); both operands are stored as their P×N transposes.
        double[] g = new double[cols * cols];
        BLAS_IMPL.dgemm("N", "T", cols, cols, rows, 1.0, data, cols, scaled, cols, 0.0, g, cols);
        symmetrise(g, cols);
        return g;
    }

    /** Replaces a square n×n matrix by (A + Aᵀ)/2, removing the rounding asymmetry of a product. */
    static void symmetrise(double[] a, int n) {
        for (int r = 0; r < n; r++) {
            for (int c = r + 1; c < n; c++) {
                double m = 0.5 * (a[r * n + c] + a[c * n + r]);
                a[r * n + c] = m;
                a[c * n + r] = m;
            }
        }
    }

    /** Returns the size of {@code group}, rows of this matrix each listed once; throws when it is empty. */
    int checkGroup(int[] group) {
        if (group.length == 0) {
            throw new IllegalArgumentException("leave-group-out: the group is empty");
        }
        boolean[] seen = new boolean[rows];
        for (int i : group) {
            if (seen[checkRow(i)]) {
                throw new IllegalArgumentException("leave-group-out: row " + i + " appears twice in the group");
            }
            seen[i] = true;
        }
        return group.length;
    }

    int checkRow(int i) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " is outside the design matrix of " + rows + " rows");
        }
        return i;
    }

    private static void checkLength(String what, int got, int expected) {
        if (got != expected) {
            throw new IllegalArgumentException("design matrix: " + what + " has length " + got + ", expected "
                    + expected);
        }
    }
}
