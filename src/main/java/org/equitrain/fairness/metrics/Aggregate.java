package org.equitrain.fairness.metrics;

import java.util.List;

/**
 * An aggregate over groups (min, max, difference, ratio, a named disparity): its value, or NaN with the reason, and
 * the groups left out under {@link NanPolicy#SKIP}.
 */
public record Aggregate(double value, String reason, List<Group> skipped) {
    /** Copies {@code skipped}. */
    public Aggregate {
        skipped = List.copyOf(skipped);
    }

    static Aggregate of(double value, List<Group> skipped) {
        return new Aggregate(value, null, skipped);
    }

    static Aggregate undefined(String reason, List<Group> skipped) {
        return new Aggregate(Double.NaN, reason, skipped);
    }

    /** Whether the value is a number (not NaN). */
    public boolean isDefined() {
        return !Double.isNaN(value);
    }
}
