package org.equitrain.fairness.metrics;

/**
 * Names of the scalar statistics a metric frame exposes for bootstrapping ({@link MetricFrame#statistics()}) and
 * under which {@link BootstrapIntervals} reports their intervals, e.g. {@code true_positive_rate/by_group/F}.
 */
public final class StatisticKey {
    private StatisticKey() {
    }

    /** The overall value of {@code metric}: {@code metric/overall}. */
    public static String overall(String metric) {
        return metric + "/overall";
    }

    /** The value of {@code metric} in {@code group}: {@code metric/by_group/<group name>}. */
    public static String byGroup(String metric, Group group) {
        return metric + "/by_group/" + group.name();
    }

    /** The smallest group value: {@code metric/group_min}. */
    public static String groupMin(String metric) {
        return metric + "/group_min";
    }

    /** The largest group value: {@code metric/group_max}. */
    public static String groupMax(String metric) {
        return metric + "/group_max";
    }

    /** The difference under {@code method}: {@code metric/difference_between_groups} or {@code ..._to_overall}. */
    public static String difference(String metric, AggregateMethod method) {
        return metric + "/difference_" + method.key();
    }

    /** The ratio under {@code method}: {@code metric/ratio_between_groups} or {@code ..._to_overall}. */
    public static String ratio(String metric, AggregateMethod method) {
        return metric + "/ratio_" + method.key();
    }

    /** A named disparity metric, e.g. {@code disparity/demographic_parity_difference}. */
    public static String disparity(String name) {
        return "disparity/" + name;
    }
}
