package org.equitrain.fairness.metrics;

/**
 * A bootstrap percentile interval, with the number of replicates used and dropped (a replicate whose value is NaN
 * or missing is dropped and counted, spec §6). NaN bounds with a reason when every replicate was dropped.
 */
public record Interval(double low, double high, int used, int dropped, String reason) {
    /** Whether the bounds are numbers (false when every replicate was dropped). */
    public boolean isDefined() {
        return !Double.isNaN(low);
    }

    /** {@code high - low} (NaN when undefined). */
    public double width() {
        return high - low;
    }
}
