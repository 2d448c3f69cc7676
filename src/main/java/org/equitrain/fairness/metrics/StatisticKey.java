package org.equitrain.fairness.metrics;

/**
 * Names of the scalar statistics a metric frame exposes for bootstrapping ({@link MetricFrame#statistics()}) and
 * under which {@link BootstrapIntervals} reports their intervals, e.g. {@code true_positive_rate/by_group/F}.
 */
public final class StatisticKey {
    private StatisticKey() {
    }

    public static String overall(String metric) {
        return metric + "/overall";
    }

    public static String byGroup(String metric, Group group) {
        return metric + "/by_group/" + group.name();
    }

    public static String groupMin(String metric) {
        return metric + "/group_min";
    }

    public static String groupMax(String metric) {
        return metric + "/group_max";
    }

    public static String difference(String metric, AggregateMethod method) {
        return metric + "/difference_" + method.key();
    }

    public static String ratio(String metric, AggregateMethod method) {
        return metric + "/ratio_" + method.key();
    }

    /** A named disparity metric, e.g. {@code disparity/demographic_parity_difference}. */
    public static String disparity(String name) {
        return "disparity/" + name;
    }
}
