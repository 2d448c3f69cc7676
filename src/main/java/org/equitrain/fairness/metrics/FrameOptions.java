package org.equitrain.fairness.metrics;

/**
 * Options of a metric frame: the NaN policy of aggregates (default propagate) and the group size below which a
 * group is reported with a warning (default 1 [choice], spec §5).
 */
public record FrameOptions(NanPolicy nanPolicy, int minGroupSize) {
    /** Requires a NaN policy and {@code minGroupSize ≥ 1}. */
    public FrameOptions {
        if (nanPolicy == null) {
            throw new IllegalArgumentException("nanPolicy is required");
        }
        if (minGroupSize < 1) {
            throw new IllegalArgumentException("minGroupSize must be at least 1, got " + minGroupSize);
        }
    }

    /** NaN propagated, minimum group size 1. */
    public static FrameOptions defaults() {
        return new FrameOptions(NanPolicy.PROPAGATE, 1);
    }

    /** This with NaN policy {@code policy}. */
    public FrameOptions withNanPolicy(NanPolicy policy) {
        return new FrameOptions(policy, minGroupSize);
    }

    /** This with warning threshold {@code size} (at least 1). */
    public FrameOptions withMinGroupSize(int size) {
        return new FrameOptions(nanPolicy, size);
    }
}
