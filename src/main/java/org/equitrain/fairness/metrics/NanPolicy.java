package org.equitrain.fairness.metrics;

/** What an aggregate over groups does when a group's value is NaN (spec §5). */
public enum NanPolicy {
    /** The aggregate is NaN, with the group's reason (default). */
    PROPAGATE,
    /** The aggregate is computed over the defined groups; the skipped groups are listed. */
    SKIP
}
