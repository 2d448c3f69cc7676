package org.equitrain.autophagy;

import java.util.SplittableRandom;

/** A fitted density over {@code R^d} that can be sampled and evaluated (the "model" of a self-consuming loop). */
public interface GenerativeModel {
    /** Dimension d of a sample. */
    int dim();

    /**
     * Writes {@code n} samples, row-major {@code [n, dim]}, into {@code out} from {@code offset}. The sampling bias
     * {@code λ_s ∈ (0, 1]} scales the sampling standard deviation (ple.md §7; 1 = unbiased sampling).
     */
    void sample(int n, double samplingBias, SplittableRandom rng, double[] out, int offset);

    /** {@code log p(x)} for the point stored at {@code x[offset..offset+dim)}. */
    double logDensity(double[] x, int offset);

    /** The model's mean vector. */
    double[] mean();

    /** The model's covariance, row-major {@code [dim, dim]}. */
    double[] covariance();

    /** {@code n} unbiased samples in a new array. */
    default double[] sample(int n, SplittableRandom rng) {
        double[] out = new double[n * dim()];
        sample(n, 1.0, rng, out, 0);
        return out;
    }

    /** Checks a sampling bias λ_s ∈ (0, 1]. */
    static double checkSamplingBias(double samplingBias) {
        if (!(samplingBias > 0 && samplingBias <= 1)) {
            throw new IllegalArgumentException("sampling bias lambda_s must be in (0, 1], got " + samplingBias);
        }
        return samplingBias;
    }
}
