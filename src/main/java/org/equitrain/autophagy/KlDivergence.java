package org.equitrain.autophagy;

import java.util.SplittableRandom;

/**
 * {@code KL(p ‖ q) = E_p[log p(x) − log q(x)]}: closed form between two Gaussians, Monte Carlo otherwise
 * (ple.md §7: 10^5 samples as in torchhyper's GMM evaluation).
 */
public final class KlDivergence {
    /** Monte-Carlo sample count of ple.md §7. */
    public static final int DEFAULT_SAMPLES = 100_000;

    private KlDivergence() {
    }

    /** The closed form when both are Gaussian, else {@link #monteCarlo} with {@code samples} draws from p. */
    public static double estimate(GenerativeModel p, GenerativeModel q, int samples, SplittableRandom rng) {
        if (p instanceof GaussianModel gp && q instanceof GaussianModel gq) {
            return gaussian(gp, gq);
        }
        return monteCarlo(p, q, samples, rng);
    }

    /**
     * {@code KL(N0 ‖ N1) = ½[tr(Σ1⁻¹Σ0) + (μ1−μ0)ᵀΣ1⁻¹(μ1−μ0) − d + log det Σ1 − log det Σ0]}, with
     * {@code tr(Σ1⁻¹Σ0) = ‖L1⁻¹L0‖_F²}.
     */
    public static double gaussian(GaussianModel p, GaussianModel q) {
        int d = checkDims(p, q);
        double trace = 0;
        for (int j = 0; j < d; j++) {
            double[] col = p.cholColumn(j);
            q.solveLower(col);
            for (double v : col) {
                trace += v * v;
            }
        }
        double[] diff = q.mean();
        double[] mp = p.mean();
        for (int i = 0; i < d; i++) {
            diff[i] -= mp[i];
        }
        q.solveLower(diff);
        double maha = 0;
        for (double v : diff) {
            maha += v * v;
        }
        return 0.5 * (trace + maha - d + q.logDet() - p.logDet());
    }

    /** {@code (1/S) Σ_s [log p(x_s) − log q(x_s)]}, {@code x_s ~ p} (unbiased sampling). */
    public static double monteCarlo(GenerativeModel p, GenerativeModel q, int samples, SplittableRandom rng) {
        int d = checkDims(p, q);
        if (samples < 1) {
            throw new IllegalArgumentException("KL Monte Carlo: need at least 1 sample, got " + samples);
        }
        double[] x = p.sample(samples, rng);
        double sum = 0;
        for (int s = 0; s < samples; s++) {
            sum += p.logDensity(x, s * d) - q.logDensity(x, s * d);
        }
        return sum / samples;
    }

    private static int checkDims(GenerativeModel p, GenerativeModel q) {
        if (p.dim() != q.dim()) {
            throw new IllegalArgumentException("KL: models of dimension " + p.dim() + " and " + q.dim());
        }
        return p.dim();
    }
}
