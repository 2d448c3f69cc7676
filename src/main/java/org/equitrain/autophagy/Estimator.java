package org.equitrain.autophagy;

import java.util.SplittableRandom;

/**
 * Maps a data set to the parameters of a model family (ple.md §1: "an estimator maps datasets to parameters").
 * Implementations are stateless and thread-safe; {@code rng} serves estimators that need randomness (EM
 * initialisation) and is ignored by closed-form ones.
 *
 * @param <M> the fitted model
 */
@FunctionalInterface
public interface Estimator<M extends GenerativeModel> {
    /** Fits row-major {@code [n, dim]} data ({@code n = data.length / dim}). */
    M fit(double[] data, int dim, SplittableRandom rng);

    /** Checks {@code data} is a whole number of rows of {@code dim} values and returns the row count. */
    static int rows(String estimator, double[] data, int dim, int minRows) {
        if (dim <= 0 || data.length % dim != 0) {
            throw new IllegalArgumentException(estimator + ": " + data.length + " values are not rows of dimension "
                    + dim);
        }
        int n = data.length / dim;
        if (n < minRows) {
            throw new IllegalArgumentException(estimator + ": needs at least " + minRows + " samples, got " + n);
        }
        return n;
    }
}
