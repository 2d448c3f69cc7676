package org.equitrain.fairness.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bootstrap intervals of named statistics; keys are those of {@link StatisticKey}. */
public final class BootstrapIntervals {
    private final Map<String, Interval> intervals;
    private final BootstrapOptions options;

    BootstrapIntervals(Map<String, Interval> intervals, BootstrapOptions options) {
        this.intervals = Collections.unmodifiableMap(new LinkedHashMap<>(intervals));
        this.options = options;
    }

    /** The settings the intervals were computed with. */
    public BootstrapOptions options() {
        return options;
    }

    /** All intervals, in the statistic's order. */
    public Map<String, Interval> all() {
        return intervals;
    }

    /** The interval of a statistic; an error naming the key if it was not bootstrapped. */
    public Interval get(String key) {
        Interval i = intervals.get(key);
        if (i == null) {
            throw new IllegalArgumentException("no bootstrap interval for '" + key + "'");
        }
        return i;
    }

    /** The interval of {@code metric}'s overall value. */
    public Interval overall(String metric) {
        return get(StatisticKey.overall(metric));
    }

    /** The interval of {@code metric}'s value in {@code group}. */
    public Interval byGroup(String metric, Group group) {
        return get(StatisticKey.byGroup(metric, group));
    }

    /** The interval of {@code metric}'s difference under {@code method}. */
    public Interval difference(String metric, AggregateMethod method) {
        return get(StatisticKey.difference(metric, method));
    }

    /** The interval of {@code metric}'s ratio under {@code method}. */
    public Interval ratio(String metric, AggregateMethod method) {
        return get(StatisticKey.ratio(metric, method));
    }
}
