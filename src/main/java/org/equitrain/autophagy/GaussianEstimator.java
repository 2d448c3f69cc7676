package org.equitrain.autophagy;

import java.util.SplittableRandom;

/**
 * Closed-form Gaussian estimators: mean {@code x̄} and covariance {@code S/n} (maximum likelihood) or
 * {@code S/(n−1)} (unbiased, the autophagy-consistent fixed point), with {@code S = Σ(x_i − x̄)(x_i − x̄)ᵀ}
 * (ple.md §1, §2 worked example).
 */
public final class GaussianEstimator implements Estimator<GaussianModel> {
    private final boolean unbiased;

    private GaussianEstimator(boolean unbiased) {
        this.unbiased = unbiased;
    }

    /** Maximum likelihood: {@code Σ̂ = S/n}, {@code E σ̂² = ((n−1)/n) σ²} (ple.md §1). */
    public static GaussianEstimator mle() {
        return new GaussianEstimator(false);
    }

    /** Unbiased: {@code Σ̂ = S/(n−1)} (ple.md §1; AC fixed point c = 1/(n−1), §2). */
    public static GaussianEstimator unbiased() {
        return new GaussianEstimator(true);
    }

    @Override
    public GaussianModel fit(double[] data, int dim, SplittableRandom rng) {
        int n = Estimator.rows(toString(), data, dim, unbiased ? 2 : 1);
        double[] mean = Moments.mean(data, n, dim, null);
        double[] cov = Moments.scatter(data, n, dim, mean, null);
        double divisor = unbiased ? n - 1 : n;
        for (int i = 0; i < cov.length; i++) {
            cov[i] /= divisor;
        }
        return new GaussianModel(mean, cov);
    }

    @Override
    public String toString() {
        return unbiased ? "Gaussian unbiased (S/(n-1))" : "Gaussian MLE (S/n)";
    }
}
