package org.equitrain.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.equitrain.fairness.metrics.Aggregate;
import org.equitrain.fairness.metrics.Audit;
import org.equitrain.fairness.metrics.AuditTable;
import org.equitrain.fairness.metrics.BootstrapIntervals;
import org.equitrain.fairness.metrics.Group;
import org.equitrain.fairness.metrics.Interval;
import org.equitrain.fairness.metrics.MetricFrame;
import org.equitrain.fairness.metrics.StatisticKey;
import org.equitrain.report.BarChart;
import org.equitrain.report.Estimate;
import org.equitrain.report.Provenance;
import org.equitrain.report.Report;
import org.equitrain.report.Table;

/**
 * {@code report.html} of an audit, built with the shared {@link Report}: provenance, what was audited, the
 * disparities with their intervals, the groups' headline rates and the empty intersections, and per metric a bar
 * chart of the groups with
 * interval whiskers and the overall value as a dashed reference line, its x axis labelled with the group columns.
 */
final class AuditReport {
    private AuditReport() {
    }

    /** Metrics in the group table (the rest are in the charts). */
    private static final List<String> HEADLINE = List.of("selection_rate", "true_positive_rate",
            "false_positive_rate", "accuracy");

    static Report of(Audit audit, AuditJson.Source source, Provenance provenance) {
        MetricFrame mf = audit.frame();
        BootstrapIntervals ci = audit.intervals().orElse(null);
        Report r = new Report("Fairness audit").provenance(provenance).summary(summary(audit, source));
        audit.warnings().forEach(r::warning);

        boolean undefined = audit.disparities().values().stream().anyMatch(a -> !a.isDefined());
        Table disparities = undefined ? Table.of("disparity", "value", "undefined because")
                : Table.of("disparity", "value");
        for (Map.Entry<String, Aggregate> e : audit.disparities().entrySet()) {
            Aggregate a = e.getValue();
            Object value = estimate(a.value(), ci, StatisticKey.disparity(e.getKey()));
            if (undefined) {
                disparities.row(e.getKey(), value, a.isDefined() ? "" : a.reason());
            } else {
                disparities.row(e.getKey(), value);
            }
        }
        r.heading("Disparities").table(disparities.caption(intervalNote(ci)));

        Table groups = Table.of(Stream.concat(Stream.of("group", "n"), HEADLINE.stream()).toArray(String[]::new))
                .caption(intervalNote(ci));
        for (Group g : mf.groups()) {
            groups.row(row(g.name(), mf.count(g), m -> estimate(mf.value(m, g), ci, StatisticKey.byGroup(m, g))));
        }
        groups.row(row("overall", audit.data().size(), m -> estimate(mf.overall(m), ci, StatisticKey.overall(m))));
        r.heading("Groups").table(groups);
        if (!mf.emptyIntersections().isEmpty()) {
            r.paragraph("Empty intersections (no rows, so not groups, and no metrics): "
                    + String.join("; ", mf.emptyIntersections().keySet().stream().map(Group::name).toList())
                    + (mf.emptyIntersectionCount() > mf.emptyIntersections().size() ? "; and "
                    + (mf.emptyIntersectionCount() - mf.emptyIntersections().size()) + " more" : "") + ".");
        }

        r.heading("Metrics by group").paragraph("Bars: the groups (with their sizes)" + (ci == null ? ""
                : ", whiskers: their " + percent(ci) + " bootstrap intervals") + "; dashed line: the overall value;"
                + " n/a: undefined (see the warnings above).");
        for (String m : mf.metrics()) {
            if (!m.equals("count")) { // group sizes are in the chart's category names
                r.subheading(m).figure(chart(mf, m, ci, source.columns().groups()), "");
            }
        }
        return r;
    }

    private static Map<String, Object> summary(Audit audit, AuditJson.Source source) {
        AuditTable.Columns c = source.columns();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("data", source.file());
        s.put("rows", String.valueOf(audit.data().size()));
        s.put("label / prediction", c.label() + " / " + c.prediction());
        if (c.score() != null) {
            s.put("score", c.score());
        }
        if (c.weight() != null) {
            s.put("weight", c.weight());
        }
        s.put("groups by", String.join(", ", c.groups()));
        s.put("favourable label", audit.data().className(audit.data().favourable()));
        s.put("intervals", audit.intervals().map(ci -> String.format(Locale.ROOT, "%s bootstrap percentile, %d"
                + " resamples, seed %d, stratified by %s", percent(ci), ci.options().nBoot(), ci.options().seed(),
                ci.options().stratify().name().toLowerCase(Locale.ROOT))).orElse("none (--n-boot 0)"));
        return s;
    }

    /** A row of the group table: name, size and the {@link #HEADLINE} metrics. */
    private static Object[] row(Object name, Object n, Function<String, Object> metric) {
        List<Object> cells = new ArrayList<>(List.of(name, n));
        HEADLINE.forEach(m -> cells.add(metric.apply(m)));
        return cells.toArray();
    }

    /**
     * Groups (named with their sizes) as bars with interval whiskers; a dashed line at the overall value; the x axis
     * labelled with the group columns ("sex × race" for intersectional groups).
     */
    private static BarChart chart(MetricFrame mf, String m, BootstrapIntervals ci, List<String> groupColumns) {
        List<Group> groups = mf.groups();
        String[] names = new String[groups.size()];
        double[] value = new double[names.length];
        double[] lo = new double[names.length];
        double[] hi = new double[names.length];
        boolean rate = mf.overall(m) <= 1 || Double.isNaN(mf.overall(m));
        for (int i = 0; i < names.length; i++) {
            Group g = groups.get(i);
            names[i] = g.name() + " (n=" + mf.count(g) + ")";
            value[i] = mf.value(m, g);
            Interval in = ci == null ? null : ci.byGroup(m, g);
            lo[i] = in != null && in.isDefined() ? in.low() : Double.NaN;
            hi[i] = in != null && in.isDefined() ? in.high() : Double.NaN;
            rate &= !(value[i] > 1 || hi[i] > 1);
        }
        BarChart chart = new BarChart().title(m + " by group").xLabel(String.join(" × ", groupColumns))
                .yLabel(m).categories(names).series("", value, lo, hi);
        if (rate) {
            chart.includeY(0, 1); // rates share the [0, 1] axis
        }
        double overall = mf.overall(m);
        if (Double.isFinite(overall)) {
            chart.referenceLine(overall, "overall " + AuditSummary.number(overall));
        }
        return chart;
    }

    /** The value with its bootstrap interval, or the bare value without intervals. */
    private static Object estimate(double value, BootstrapIntervals ci, String key) {
        if (ci == null) {
            return value;
        }
        Interval i = ci.get(key);
        return i.isDefined() ? new Estimate(value, i.low(), i.high()) : value;
    }

    private static String intervalNote(BootstrapIntervals ci) {
        return ci == null ? "No intervals (--n-boot 0)." : "Value [" + percent(ci) + " bootstrap interval].";
    }

    private static String percent(BootstrapIntervals ci) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * ci.options().level());
    }
}
