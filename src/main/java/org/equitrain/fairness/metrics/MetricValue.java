package org.equitrain.fairness.metrics;

/**
 * A metric's value, or NaN with the reason it is undefined (spec §5): never a silent 0. The reason reads after a
 * subject, e.g. {@code "has no positive labels"}, so a frame can say {@code "group F has no positive labels"}.
 */
public record MetricValue(double value, String reason) {
    /** {@code value}, or undefined with the reason "is NaN" when it is NaN. */
    public static MetricValue of(double value) {
        return Double.isNaN(value) ? undefined("is NaN") : new MetricValue(value, null);
    }

    /** NaN with {@code reason}, phrased to follow a subject (e.g. "has no positive labels"). */
    public static MetricValue undefined(String reason) {
        return new MetricValue(Double.NaN, reason);
    }

    /** Whether the value is a number (not NaN). */
    public boolean isDefined() {
        return !Double.isNaN(value);
    }

    /** {@code numerator / denominator}, or NaN with {@code reason} when the denominator is zero. */
    static MetricValue ratio(double numerator, double denominator, String reason) {
        return denominator > 0 ? new MetricValue(numerator / denominator, null) : undefined(reason);
    }
}
