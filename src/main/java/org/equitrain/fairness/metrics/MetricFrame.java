package org.equitrain.fairness.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics overall and per group, with their aggregations: Fairlearn's {@code MetricFrame} (spec §3). Every value
 * that is undefined is NaN with a reason ({@link #reason(String, Group)}) and a warning ({@link #warnings()}).
 *
 * <pre>{@code
 * FrameInput data = FrameInput.builder().yTrue(y).yPred(yHat).sensitive("sex", sex).build();
 * MetricFrame mf = MetricFrame.of(data, Map.of("tpr", RateMetrics.TRUE_POSITIVE_RATE));
 * double gap = mf.difference("tpr").value();   // equal opportunity difference
 * }</pre>
 */
public final class MetricFrame {
    private final List<String> metrics;
    private final List<Group> groups;
    private final int[] counts;
    private final double[] groupWeights;
    private final double[] overall;
    private final String[] overallReasons;
    /** [metric][group]. */
    private final double[][] values;
    private final String[][] reasons;
    private final FrameOptions options;
    /** Empty intersection → why it has no values (spec §5), in group order. */
    private final Map<Group, String> emptyIntersections;
    private final long emptyIntersectionCount;
    private final List<String> warnings;

    private MetricFrame(FrameInput data, Map<String, Metric> metricMap, FrameOptions options) {
        this.options = options;
        this.metrics = List.copyOf(metricMap.keySet());
        GroupIndex index = data.groupIndex();
        List<Group> present = new ArrayList<>();
        List<int[]> rows = new ArrayList<>();
        for (int g = 0; g < index.groups().size(); g++) {
            if (index.members(g).length > 0) { // empty intersections are not groups (spec §5)
                present.add(index.groups().get(g));
                rows.add(index.members(g));
            }
        }
        this.groups = List.copyOf(present);
        int[] all = new int[data.size()];
        double population = 0;
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
            population += data.weight(i);
        }
        Slice whole = new Slice(data, all, population);
        Slice[] slices = new Slice[groups.size()];
        this.counts = new int[groups.size()];
        this.groupWeights = new double[groups.size()];
        List<String> warn = new ArrayList<>();
        for (int g = 0; g < slices.length; g++) {
            slices[g] = new Slice(data, rows.get(g), population);
            counts[g] = rows.get(g).length;
            groupWeights[g] = slices[g].totalWeight();
            if (counts[g] < options.minGroupSize()) {
                warn.add("group '" + groups.get(g).name() + "' has " + counts[g] + " rows, fewer than minGroupSize "
                        + options.minGroupSize());
            }
        }
        warn.addAll(oneValueColumns(index.columns(), groups));
        Map<Group, String> empty = new LinkedHashMap<>();
        for (Group g : index.emptyIntersections()) { // empty intersections are not groups, but are named (spec §5)
            empty.put(g, "intersection '" + g.name() + "' has no rows, so it is not a group and has no metrics");
            warn.add(empty.get(g));
        }
        this.emptyIntersections = Collections.unmodifiableMap(empty);
        this.emptyIntersectionCount = index.emptyIntersectionCount();
        if (emptyIntersectionCount > empty.size()) {
            warn.add((emptyIntersectionCount - empty.size()) + " more intersections have no rows (the first "
                    + empty.size() + " are listed)");
        }
        int m = metrics.size();
        this.overall = new double[m];
        this.overallReasons = new String[m];
        this.values = new double[m][groups.size()];
        this.reasons = new String[m][groups.size()];
        for (int k = 0; k < m; k++) {
            String name = metrics.get(k);
            Metric metric = metricMap.get(name);
            MetricValue v = metric.compute(whole);
            overall[k] = v.value();
            if (!v.isDefined()) {
                overallReasons[k] = "the table " + v.reason();
                warn.add(name + " is NaN overall: " + overallReasons[k]);
            }
            for (int g = 0; g < slices.length; g++) {
                MetricValue gv = metric.compute(slices[g]);
                values[k][g] = gv.value();
                if (!gv.isDefined()) {
                    reasons[k][g] = "group '" + groups.get(g).name() + "' " + gv.reason();
                    warn.add(name + " is NaN: " + reasons[k][g]);
                }
            }
        }
        this.warnings = Collections.unmodifiableList(warn);
    }

    /** A warning per sensitive column with a single value: it splits nothing, and alone leaves nothing to compare. */
    private static List<String> oneValueColumns(List<String> columns, List<Group> groups) {
        List<String> warn = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            int column = c;
            List<String> levels = groups.stream().map(g -> g.levels().get(column)).distinct().toList();
            if (levels.size() == 1) {
                warn.add("sensitive column '" + columns.get(c) + "' has one value, '" + levels.get(0) + "': "
                        + (groups.size() == 1 ? "differences and ratios between groups are undefined"
                        : "it does not split the groups"));
            }
        }
        return warn;
    }

    /** Computes every metric overall and per group, with default options. Metrics keep the map's order. */
    public static MetricFrame of(FrameInput data, Map<String, Metric> metrics) {
        return of(data, metrics, FrameOptions.defaults());
    }

    /** Computes every metric overall and per group; metrics keep the map's order, which must not be empty. */
    public static MetricFrame of(FrameInput data, Map<String, Metric> metrics, FrameOptions options) {
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("a metric frame needs at least one metric");
        }
        return new MetricFrame(data, metrics, options);
    }

    /** The metric names, in order. */
    public List<String> metrics() {
        return metrics;
    }

    /** Groups with at least one row, sorted. */
    public List<Group> groups() {
        return groups;
    }

    /** The options the frame was computed with. */
    public FrameOptions options() {
        return options;
    }

    /**
     * Combinations of the sensitive columns' levels that no row has, each with the reason it is not among
     * {@link #groups()} ("intersection 'sex=F, race=c' has no rows, ..."); the first {@link GroupIndex#EMPTY_LISTED}
     * in group order.
     */
    public Map<Group, String> emptyIntersections() {
        return emptyIntersections;
    }

    /** How many combinations of the sensitive columns' levels no row has, listed or not. */
    public long emptyIntersectionCount() {
        return emptyIntersectionCount;
    }

    /** Number of rows of a group (unweighted). */
    public int count(Group group) {
        return counts[group(group)];
    }

    /** The value of {@code metric} on all rows (NaN when undefined; see {@link #overallReason}). */
    public double overall(String metric) {
        return overall[metric(metric)];
    }

    /** Why the overall value is NaN, or null when it is defined. */
    public String overallReason(String metric) {
        return overallReasons[metric(metric)];
    }

    /** Group → value, in group order. */
    public Map<Group, Double> byGroup(String metric) {
        int k = metric(metric);
        Map<Group, Double> map = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            map.put(groups.get(g), values[k][g]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The value of {@code metric} in {@code group} (NaN when undefined; see {@link #reason}). */
    public double value(String metric, Group group) {
        return values[metric(metric)][group(group)];
    }

    /** Why a group's value is NaN (e.g. "group 'F' has no positive labels"), or null when it is defined. */
    public String reason(String metric, Group group) {
        return reasons[metric(metric)][group(group)];
    }

    /** Smallest group value (worst group of an accuracy-like metric). */
    public Aggregate groupMin(String metric) {
        return aggregation(metric).min();
    }

    /** Largest group value (worst group of a loss-like metric). */
    public Aggregate groupMax(String metric) {
        return aggregation(metric).max();
    }

    /** {@code difference(metric, BETWEEN_GROUPS)}. */
    public Aggregate difference(String metric) {
        return difference(metric, AggregateMethod.BETWEEN_GROUPS);
    }

    /** The difference of {@code metric}'s group values under {@code method} (spec §3). */
    public Aggregate difference(String metric, AggregateMethod method) {
        return aggregation(metric).difference(method);
    }

    /** {@code ratio(metric, BETWEEN_GROUPS)}. */
    public Aggregate ratio(String metric) {
        return ratio(metric, AggregateMethod.BETWEEN_GROUPS);
    }

    /** The ratio of {@code metric}'s group values under {@code method} (spec §3). */
    public Aggregate ratio(String metric, AggregateMethod method) {
        return aggregation(metric).ratio(method);
    }

    /** The group with the largest (weighted) size, the default AIR reference; the first such in group order. */
    public Group largestGroup() {
        int best = 0;
        for (int g = 1; g < groups.size(); g++) {
            if (groupWeights[g] > groupWeights[best]) {
                best = g;
            }
        }
        return groups.get(best);
    }

    /** Adverse impact ratio m_g / m_ref against the largest group (H2O-3 AIR, spec §4). */
    public Map<Group, MetricValue> adverseImpactRatio(String metric) {
        return adverseImpactRatio(metric, largestGroup());
    }

    /** Adverse impact ratio m_g / m_ref against {@code reference}. */
    public Map<Group, MetricValue> adverseImpactRatio(String metric, Group reference) {
        int k = metric(metric);
        int ref = group(reference);
        double r = values[k][ref];
        Map<Group, MetricValue> air = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            MetricValue v;
            if (Double.isNaN(r)) {
                v = MetricValue.undefined("has no reference value: " + reasons[k][ref]);
            } else if (r == 0) {
                v = MetricValue.undefined("has a reference group '" + reference.name() + "' with zero " + metric);
            } else if (Double.isNaN(values[k][g])) {
                v = MetricValue.undefined(reasons[k][g]);
            } else {
                v = MetricValue.of(values[k][g] / r);
            }
            air.put(groups.get(g), v);
        }
        return Collections.unmodifiableMap(air);
    }

    /**
     * Warnings: every NaN value with its reason, groups smaller than {@code minGroupSize}, sensitive columns with a
     * single value, and empty intersections.
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Every scalar of the frame under its {@link StatisticKey}: overall, by group, min, max, and difference and ratio
     * by both methods. What a bootstrap resamples.
     */
    public Map<String, Double> statistics() {
        Map<String, Double> s = new LinkedHashMap<>();
        for (String m : metrics) {
            s.put(StatisticKey.overall(m), overall(m));
            for (Group g : groups) {
                s.put(StatisticKey.byGroup(m, g), value(m, g));
            }
            GroupAggregation a = aggregation(m);
            s.put(StatisticKey.groupMin(m), a.min().value());
            s.put(StatisticKey.groupMax(m), a.max().value());
            for (AggregateMethod method : AggregateMethod.values()) {
                s.put(StatisticKey.difference(m, method), a.difference(method).value());
                s.put(StatisticKey.ratio(m, method), a.ratio(method).value());
            }
        }
        return s;
    }

    private GroupAggregation aggregation(String metric) {
        int k = metric(metric);
        return new GroupAggregation(metric, groups, values[k], reasons[k], overall[k], overallReasons[k],
                options.nanPolicy());
    }

    private int metric(String name) {
        int k = metrics.indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException("unknown metric '" + name + "'; this frame has " + metrics);
        }
        return k;
    }

    private int group(Group group) {
        int g = groups.indexOf(group);
        if (g < 0) {
            throw new IllegalArgumentException("unknown group '" + group.name() + "'; this frame has " + groups);
        }
        return g;
    }
}
