package org.equitrain.autophagy;

import org.equitrain.tensor.DType;
import org.equitrain.tensor.Gemm;
import org.equitrain.tensor.Tensor;

/** Sample means and (weighted) scatter matrices of row-major data; the scatter product runs through BLAS. */
final class Moments {
    private Moments() {
    }

    /** Mean of the {@code n} rows of {@code x}, weighted by {@code w} (null: equal weights). */
    static double[] mean(double[] x, int n, int d, double[] w) {
        double[] m = new double[d];
        double total = 0;
        for (int r = 0; r < n; r++) {
            double wr = w == null ? 1 : w[r];
            total += wr;
            for (int i = 0; i < d; i++) {
                m[i] += wr * x[r * d + i];
            }
        }
        for (int i = 0; i < d; i++) {
            m[i] /= total;
        }
        return m;
    }

    /** {@code S = Σ_r w_r (x_r − m)(x_r − m)ᵀ}, row-major {@code [d, d]}, as {@code X̃ᵀX̃} with rows scaled by √w. */
    static double[] scatter(double[] x, int n, int d, double[] m, double[] w) {
        double[] c = new double[n * d];
        for (int r = 0; r < n; r++) {
            double s = w == null ? 1 : Math.sqrt(w[r]);
            for (int i = 0; i < d; i++) {
                c[r * d + i] = s * (x[r * d + i] - m[i]);
            }
        }
        Tensor centred = Tensor.wrap(c, n, d);
        Tensor out = Tensor.zeros(DType.FLOAT64, d, d);
        Gemm.gemm(centred, 0, centred, 0, out, 0, d, d, n, true, false, 1.0, 0.0);
        return out.doubles();
    }
}
