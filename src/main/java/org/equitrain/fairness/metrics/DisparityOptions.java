package org.equitrain.fairness.metrics;

/**
 * Options of the named disparity metrics: how groups are compared (default between groups), how multiclass
 * one-vs-rest values combine over classes (default worst), and the NaN policy (default propagate).
 */
public record DisparityOptions(AggregateMethod method, ClassAgg classAgg, NanPolicy nanPolicy) {
    public DisparityOptions {
        if (method == null || classAgg == null || nanPolicy == null) {
            throw new IllegalArgumentException("method, classAgg and nanPolicy are required");
        }
    }

    public static DisparityOptions defaults() {
        return new DisparityOptions(AggregateMethod.BETWEEN_GROUPS, ClassAgg.WORST, NanPolicy.PROPAGATE);
    }

    public DisparityOptions withMethod(AggregateMethod m) {
        return new DisparityOptions(m, classAgg, nanPolicy);
    }

    public DisparityOptions withClassAgg(ClassAgg agg) {
        return new DisparityOptions(method, agg, nanPolicy);
    }

    public DisparityOptions withNanPolicy(NanPolicy policy) {
        return new DisparityOptions(method, classAgg, policy);
    }
}
