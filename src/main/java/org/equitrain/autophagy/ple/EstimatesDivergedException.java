package org.equitrain.autophagy.ple;

import java.util.Locale;

/**
 * PLE training stopped because the estimates no longer fit the sets they are estimated from: the mean NLL per
 * sample over a block of steps rose far above its best block (see {@link FitMonitor}). Returning such an estimator
 * would give absurd parameters (variances of 1e12 and more) with no error.
 */
public final class EstimatesDivergedException extends RuntimeException {
    /** The step at which training stopped. */
    private final int step;

    EstimatesDivergedException(int step, double nll, int blockStart, double bestNll, int bestStart, int bestEnd) {
        super(String.format(Locale.ROOT, "PLE training diverged at step %d: the estimates no longer fit the sets "
                + "they are estimated from (mean NLL per sample %.4g over steps %d-%d, against %.4g over steps "
                + "%d-%d)", step, nll, blockStart, step, bestNll, bestStart, bestEnd));
        this.step = step;
    }

    /** The 1-based step at which training stopped. */
    public int step() {
        return step;
    }
}
