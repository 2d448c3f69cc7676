package org.equitrain.data;

/** Sample quantiles, for bootstrap intervals, loop summaries and weight distributions. */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * The {@code q}-quantile of non-empty sorted values, interpolating linearly between order statistics
     * (Hyndman–Fan type 7, NumPy's default).
     */
    public static double ofSorted(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
