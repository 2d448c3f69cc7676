package org.equitrain.fairness.metrics;

/** How bootstrap replicates resample rows (spec §6). */
public enum Stratify {
    /** Within each group, keeping group sizes, so every group is present in every replicate (default). */
    GROUP,
    /** From the whole table; a small group may be absent from a replicate. */
    NONE
}
