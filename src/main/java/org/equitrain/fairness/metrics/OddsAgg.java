package org.equitrain.fairness.metrics;

/** How equalized odds combines its TPR and FPR parts (Fairlearn's {@code agg}). */
public enum OddsAgg {
    /** Larger difference / smaller ratio of the two (default). */
    WORST_CASE,
    /** Their mean. */
    MEAN
}
