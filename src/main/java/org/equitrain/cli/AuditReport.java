package org.equitrain.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * disparities with their intervals, the groups' headline rates, and per metric a bar chart of the groups with
 * interval whiskers and the overall value as a dashed reference line.
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

        Table disparities = Table.of("disparity", "value", "undefined because");
        for (Map.Entry<String, Aggregate> e : audit.disparities().entrySet()) {
            Aggregate a = e.getValue();
            disparities.row(e.getKey(), estimate(a.value(), ci, StatisticKey.disparity(e.getKey())),
                    a.isDefined() ? "" : a.reason());
        }
        r.heading("Disparities").table(disparities.caption(intervalNote(ci)));

        Table groups = Table.of(columns());
        for (Group g : mf.groups()) {
            Object[] row = new Object[HEADLINE.size() + 2];
            row[0] = g.name();
            row[1] = mf.count(g);
            for (int k = 0; k < HEADLINE.size(); k++) {
                row[k + 2] = estimate(mf.value(HEADLINE.get(k), g), ci, StatisticKey.byGroup(HEADLINE.get(k), g));
            }
            groups.row(row);
        }
        Object[] overall = new Object[HEADLINE.size() + 2];
        overall[0] = "overall";
        overall[1] = audit.data().size();
        for (int k = 0; k < HEADLINE.size(); k++) {
            overall[k + 2] = estimate(mf.overall(HEADLINE.get(k)), ci, StatisticKey.overall(HEADLINE.get(k)));
        }
        r.heading("Groups").table(groups.row(overall).caption(intervalNote(ci)));

        r.heading("Metrics by group");
        for (String m : mf.metrics()) {
            if (!m.equals("count")) { // group sizes are in the chart's category names
                r.subheading(m).figure(chart(mf, m, ci), "Bars: groups" + (ci == null ? "" : ", whiskers: "
                        + percent(ci) + " bootstrap intervals") + "; dashed line: the overall value; n/a: undefined"
                        + " (see the warnings).");
            }
        }
        return r;
    }

    private static Map<String, Object> summary(Audit audit, AuditJson.Source source) {
        AuditTable.Columns c = source.columns();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("data", source.file());
        s.put("rows", audit.data().size());
        s.put("label / prediction", c.label() + " / " + c.prediction());
        if (c.score() != null) {
            s.put("score", c.score());
        }
        if (c.weight() != null) {
            s.put("weight", c.weight());
        }
        s.put("groups by", String.join(", ", c.groups()));
        s.put("favourable label", String.valueOf(audit.data().favourable()));
        s.put("intervals", audit.intervals().map(ci -> String.format(Locale.ROOT, "%s bootstrap percentile, %d"
                + " resamples, seed %d, stratified by %s", percent(ci), ci.options().nBoot(), ci.options().seed(),
                ci.options().stratify().name().toLowerCase(Locale.ROOT))).orElse("none (--n-boot 0)"));
        return s;
    }

    private static String[] columns() {
        String[] heads = new String[HEADLINE.size() + 2];
        heads[0] = "group";
        heads[1] = "n";
        for (int k = 0; k < HEADLINE.size(); k++) {
            heads[k + 2] = HEADLINE.get(k);
        }
        return heads;
    }

    /** Groups (named with their sizes) as bars with interval whiskers; a dashed line at the overall value. */
    private static BarChart chart(MetricFrame mf, String m, BootstrapIntervals ci) {
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
        BarChart chart = new BarChart().yLabel(m).categories(names).series("", value, lo, hi);
        if (rate) {
            chart.includeY(0, 1); // rates share the [0, 1] axis
        }
        double overall = mf.overall(m);
        if (Double.isFinite(overall)) {
            chart.referenceLine(overall, "overall " + AuditCommand.number(overall));
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
