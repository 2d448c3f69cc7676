package org.equitrain.autophagy;

import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.equitrain.tensor.Gaussian;
import org.netlib.util.intW;

/** The multivariate normal {@code N(μ, Σ)} with its Cholesky factor {@code Σ = L·Lᵀ} (LAPACK dpotrf). */
public final class GaussianModel implements GenerativeModel {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int dim;
    private final double[] mean;
    private final double[] cov;
    private final double[] chol; // row-major lower triangle L
    private final double logDet;

    /** {@code N(mean, cov)} with {@code cov} row-major {@code [d, d]}, symmetric positive definite. */
    public GaussianModel(double[] mean, double[] cov) {
        this.dim = mean.length;
        if (cov.length != dim * dim) {
            throw new IllegalArgumentException("Gaussian: covariance of length " + cov.length + " does not fit a mean"
                    + " of dimension " + dim + " (expected " + dim * dim + ")");
        }
        this.mean = mean.clone();
        this.cov = cov.clone();
        this.chol = cholesky(cov, dim);
        double ld = 0;
        for (int i = 0; i < dim; i++) {
            ld += 2 * Math.log(chol[i * dim + i]);
        }
        this.logDet = ld;
    }

    /** The 1-D normal {@code N(mean, variance)}. */
    public static GaussianModel univariate(double mean, double variance) {
        return new GaussianModel(new double[] {mean}, new double[] {variance});
    }

    /** Row-major lower L with L·Lᵀ = a: dpotrf("U") on the row-major array is column-major U = row-major Lᵀ. */
    private static double[] cholesky(double[] a, int d) {
        double[] l = a.clone();
        intW info = new intW(0);
        LAPACK.getInstance().dpotrf("U", d, l, Math.max(1, d), info);
        if (info.val != 0) {
            throw new IllegalArgumentException("Gaussian: covariance is not positive definite (dpotrf info "
                    + info.val + "): " + Arrays.toString(a));
        }
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                l[i * d + j] = 0;
            }
        }
        return l;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] covariance() {
        return cov.clone();
    }

    /** {@code log det Σ}. */
    public double logDet() {
        return logDet;
    }

    @Override
    public void sample(int n, double samplingBias, SplittableRandom rng, double[] out, int offset) {
        GenerativeModel.checkSamplingBias(samplingBias);
        double[] z = new double[dim];
        for (int s = 0; s < n; s++) {
            drawInto(samplingBias, rng, z, out, offset + s * dim);
        }
    }

    /** One draw {@code μ + λ_s·L·z} (ple.md §7: λ_s scales the standard deviation); {@code z} is scratch. */
    void drawInto(double samplingBias, SplittableRandom rng, double[] z, double[] out, int off) {
        NormalizedGaussianSampler normal = Gaussian.sampler(rng);
        for (int i = 0; i < dim; i++) {
            z[i] = normal.sample();
        }
        for (int i = 0; i < dim; i++) {
            double v = 0;
            for (int j = 0; j <= i; j++) {
                v += chol[i * dim + j] * z[j];
            }
            out[off + i] = mean[i] + samplingBias * v;
        }
    }

    @Override
    public double logDensity(double[] x, int offset) {
        double[] y = new double[dim];
        for (int i = 0; i < dim; i++) {
            y[i] = x[offset + i] - mean[i];
        }
        solveLower(y);
        double q = 0;
        for (double v : y) {
            q += v * v;
        }
        return -0.5 * (q + logDet + dim * LOG_2PI);
    }

    /** In place {@code v ← L⁻¹·v} (forward substitution). */
    void solveLower(double[] v) {
        for (int i = 0; i < dim; i++) {
            double s = v[i];
            for (int j = 0; j < i; j++) {
                s -= chol[i * dim + j] * v[j];
            }
            v[i] = s / chol[i * dim + i];
        }
    }

    /** Column {@code j} of L. */
    double[] cholColumn(int j) {
        double[] c = new double[dim];
        for (int i = j; i < dim; i++) {
            c[i] = chol[i * dim + j];
        }
        return c;
    }

    @Override
    public String toString() {
        return "Gaussian(mean=" + Arrays.toString(mean) + ", cov=" + Arrays.toString(cov) + ")";
    }
}
