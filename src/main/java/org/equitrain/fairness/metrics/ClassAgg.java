package org.equitrain.fairness.metrics;

/** How a multiclass disparity combines its one-vs-rest values over classes (spec §1) [choice]. */
public enum ClassAgg {
    /** The worst class: largest difference, smallest ratio (default). */
    WORST,
    /** The mean over classes. */
    MEAN
}
