package org.equitrain.fairness.metrics;

/**
 * Options of the named disparity metrics: how groups are compared (default between groups), how multiclass
 * one-vs-rest values combine over classes (default worst), and the NaN policy (default propagate).
 */
public record DisparityOptions(AggregateMethod method, ClassAgg classAgg, NanPolicy nanPolicy) {
    /** Requires every option to be non-null. */
    public DisparityOptions {
        if (method == null || classAgg == null || nanPolicy == null) {
            throw new IllegalArgumentException("method, classAgg and nanPolicy are required");
        }
    }

    /** Between groups, worst class, NaN propagated. */
    public static DisparityOptions defaults() {
        return new DisparityOptions(AggregateMethod.BETWEEN_GROUPS, ClassAgg.WORST, NanPolicy.PROPAGATE);
    }

    /** This with group comparison {@code m}. */
    public DisparityOptions withMethod(AggregateMethod m) {
        return new DisparityOptions(m, classAgg, nanPolicy);
    }

    /** This with class combination {@code agg}. */
    public DisparityOptions withClassAgg(ClassAgg agg) {
        return new DisparityOptions(method, agg, nanPolicy);
    }

    /** This with NaN policy {@code policy}. */
    public DisparityOptions withNanPolicy(NanPolicy policy) {
        return new DisparityOptions(method, classAgg, policy);
    }
}
