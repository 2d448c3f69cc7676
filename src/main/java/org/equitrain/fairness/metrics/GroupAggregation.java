package org.equitrain.fairness.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Aggregates of one metric over groups (spec §3), with the NaN policy of spec §5. */
final class GroupAggregation {
    private final String metric;
    private final List<Group> groups;
    private final double[] values;
    private final String[] reasons;
    private final double overall;
    private final String overallReason;
    private final NanPolicy policy;

    GroupAggregation(String metric, List<Group> groups, double[] values, String[] reasons, double overall,
            String overallReason, NanPolicy policy) {
        this.metric = metric;
        this.groups = groups;
        this.values = values;
        this.reasons = reasons;
        this.overall = overall;
        this.overallReason = overallReason;
        this.policy = policy;
    }

    Aggregate min() {
        return reduce(v -> extreme(v, false), null, false);
    }

    Aggregate max() {
        return reduce(v -> extreme(v, true), null, false);
    }

    /** between_groups: max − min; to_overall: max_g |m_g − m_overall|. */
    Aggregate difference(AggregateMethod method) {
        if (method == AggregateMethod.BETWEEN_GROUPS) {
            return reduce(v -> extreme(v, true) - extreme(v, false), null, true);
        }
        if (Double.isNaN(overall)) {
            return Aggregate.undefined(overallReason, List.of());
        }
        return reduce(v -> {
            double d = 0;
            for (double x : v) {
                d = Math.max(d, Math.abs(x - overall));
            }
            return d;
        }, null, true);
    }

    /** between_groups: min / max; to_overall: min_g min(m_g / m_overall, m_overall / m_g) (Fairlearn). */
    Aggregate ratio(AggregateMethod method) {
        if (method == AggregateMethod.BETWEEN_GROUPS) {
            return reduce(v -> extreme(v, false) / extreme(v, true),
                    v -> extreme(v, true) == 0 ? "all groups have zero " + metric : null, true);
        }
        if (Double.isNaN(overall)) {
            return Aggregate.undefined(overallReason, List.of());
        }
        if (overall == 0) {
            return Aggregate.undefined("the overall " + metric + " is zero", List.of());
        }
        return reduce(v -> {
            double r = Double.POSITIVE_INFINITY;
            for (double x : v) {
                double q = x / overall;
                r = Math.min(r, q > 1 ? 1 / q : q);
            }
            return r;
        }, null, true);
    }

    private interface Reducer {
        double apply(double[] defined);
    }

    private interface Guard {
        String reasonIfUndefined(double[] defined);
    }

    /**
     * Applies {@code reducer} to the defined values under the NaN policy. A {@code comparison} (difference, ratio)
     * needs two groups with defined values; over one it is undefined, not 0 or 1 (spec §5).
     */
    private Aggregate reduce(Reducer reducer, Guard guard, boolean comparison) {
        List<Group> skipped = new ArrayList<>();
        List<String> why = new ArrayList<>();
        double[] defined = new double[values.length];
        int m = 0;
        for (int g = 0; g < values.length; g++) {
            if (Double.isNaN(values[g])) {
                skipped.add(groups.get(g));
                why.add(reasons[g]);
            } else {
                defined[m++] = values[g];
            }
        }
        if (values.length == 0) {
            return Aggregate.undefined("there are no groups", List.of());
        }
        if (!skipped.isEmpty() && policy == NanPolicy.PROPAGATE) {
            return Aggregate.undefined(metric + " is undefined: " + String.join("; ", why), List.of());
        }
        if (m == 0) {
            return Aggregate.undefined("no group has a defined " + metric + ": " + String.join("; ", why), skipped);
        }
        if (comparison && m == 1) {
            String only = groups.get(firstDefined()).name();
            return Aggregate.undefined(skipped.isEmpty() ? "there is only one group, '" + only + "'"
                    : "only group '" + only + "' has a defined " + metric + " (" + String.join("; ", why) + ")",
                    skipped);
        }
        double[] v = Arrays.copyOf(defined, m);
        String reason = guard == null ? null : guard.reasonIfUndefined(v);
        return reason != null ? Aggregate.undefined(reason, skipped) : Aggregate.of(reducer.apply(v), skipped);
    }

    private int firstDefined() {
        int g = 0;
        while (Double.isNaN(values[g])) {
            g++;
        }
        return g;
    }

    private static double extreme(double[] v, boolean max) {
        double e = v[0];
        for (double x : v) {
            e = max ? Math.max(e, x) : Math.min(e, x);
        }
        return e;
    }
}
