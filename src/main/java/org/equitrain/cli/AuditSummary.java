package org.equitrain.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.equitrain.fairness.metrics.Aggregate;
import org.equitrain.fairness.metrics.Audit;
import org.equitrain.fairness.metrics.BootstrapIntervals;
import org.equitrain.fairness.metrics.FrameInput;
import org.equitrain.fairness.metrics.Group;
import org.equitrain.fairness.metrics.Interval;
import org.equitrain.fairness.metrics.MetricFrame;
import org.equitrain.fairness.metrics.StatisticKey;

/**
 * The audit's summary in the terminal: what was audited, the headline metrics per group and overall (with the score
 * metrics when there are scores), and the disparities with their intervals when there are any.
 */
final class AuditSummary {
    private AuditSummary() {
    }

    /** Metric and column heading, in table order. */
    private record Column(String metric, String heading) {
    }

    private static final List<Column> RATES = List.of(new Column("selection_rate", "selection"),
            new Column("true_positive_rate", "TPR"), new Column("false_positive_rate", "FPR"),
            new Column("accuracy", "accuracy"));
    private static final List<Column> SCORES = List.of(new Column("log_loss", "log loss"), new Column("auc", "AUC"),
            new Column("calibration_error", "ECE"));

    static void print(PrintWriter o, Audit audit, AuditJson.Source source) {
        FrameInput in = audit.data();
        o.printf(Locale.ROOT, "equitrain audit: %s, %d rows, label '%s', prediction '%s', groups by %s, favourable"
                + " label %s%s%n", source.file(), in.size(), source.columns().label(), source.columns().prediction(),
                String.join(",", source.columns().groups()), in.className(in.favourable()), in.isBinary() ? ""
                : " (" + in.numClasses() + " classes; disparities one-vs-rest, "
                + audit.options().disparity().classAgg().name().toLowerCase(Locale.ROOT) + ")");
        groups(o, audit);
        disparities(o, audit);
    }

    private static void groups(PrintWriter o, Audit audit) {
        MetricFrame mf = audit.frame();
        List<Column> columns = new ArrayList<>(RATES);
        if (audit.data().hasScores()) {
            columns.addAll(SCORES);
        }
        int width = Math.max(7, mf.groups().stream().mapToInt(g -> g.name().length()).max().orElse(0));
        o.printf(Locale.ROOT, "%n%-" + width + "s %8s", "group", "n");
        columns.forEach(c -> o.printf(Locale.ROOT, " %10s", c.heading()));
        o.println();
        for (Group g : mf.groups()) {
            o.printf(Locale.ROOT, "%-" + width + "s %8d", g.name(), mf.count(g));
            columns.forEach(c -> o.printf(Locale.ROOT, " %10s", number(mf.value(c.metric(), g))));
            o.println();
        }
        o.printf(Locale.ROOT, "%-" + width + "s %8d", "overall", audit.data().size());
        columns.forEach(c -> o.printf(Locale.ROOT, " %10s", number(mf.overall(c.metric()))));
        o.println();
    }

    /** The disparity table; its interval column only when there are intervals (not with --n-boot 0). */
    private static void disparities(PrintWriter o, Audit audit) {
        BootstrapIntervals ci = audit.intervals().orElse(null);
        if (ci == null) {
            o.printf(Locale.ROOT, "%n%-30s %8s%n", "disparity", "value");
        } else {
            o.printf(Locale.ROOT, "%n%-30s %8s  %.0f%% interval%n", "disparity", "value", 100 * ci.options().level());
        }
        for (Map.Entry<String, Aggregate> e : audit.disparities().entrySet()) {
            o.printf(Locale.ROOT, "%-30s %8s", e.getKey(), number(e.getValue().value()));
            if (ci != null) {
                Interval i = ci.get(StatisticKey.disparity(e.getKey()));
                o.print("  " + (i.isDefined() ? "[" + number(i.low()) + ", " + number(i.high()) + "]" : "NaN"));
            }
            o.println();
        }
        o.println();
    }

    static String number(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.3f", v);
    }
}
