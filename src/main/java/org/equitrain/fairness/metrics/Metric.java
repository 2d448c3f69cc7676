package org.equitrain.fairness.metrics;

import java.util.function.ToDoubleFunction;

/**
 * A metric: a function of the rows of one group (or of all rows). Built-in metrics are in {@link RateMetrics} and
 * {@link ScoreMetrics}; a user metric is any function of a {@link Slice}.
 */
@FunctionalInterface
public interface Metric {
    /** The metric's value on {@code rows}, or NaN with the reason it is undefined. */
    MetricValue compute(Slice rows);

    /** A user metric; a NaN result is reported as undefined with the reason "is NaN". */
    static Metric of(ToDoubleFunction<Slice> f) {
        return rows -> MetricValue.of(f.applyAsDouble(rows));
    }
}
