package org.equitrain.cli;

import java.util.Locale;
import java.util.Map;
import org.equitrain.fairness.metrics.Aggregate;
import org.equitrain.fairness.metrics.Audit;
import org.equitrain.fairness.metrics.BootstrapIntervals;
import org.equitrain.fairness.metrics.Group;
import org.equitrain.fairness.metrics.Interval;
import org.equitrain.fairness.metrics.MetricFrame;
import org.equitrain.fairness.metrics.StatisticKey;

/**
 * {@code report.html} of an audit: the disparities with intervals, and per metric a bar chart of the groups with
 * interval whiskers and the overall value as a dashed line. Self-contained HTML with inline SVG. (To be ported to the
 * shared {@code org.equitrain.report} builders.)
 */
final class AuditReport {
    private AuditReport() {
    }

    private static final int LABEL_WIDTH = 180;
    private static final int PLOT_WIDTH = 420;
    private static final int ROW = 26;

    static String html(Audit audit, AuditJson.Source source) {
        MetricFrame mf = audit.frame();
        BootstrapIntervals ci = audit.intervals().orElse(null);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>equitrain audit</title>\n")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}.nan{color:#b00}</style></head><body>\n")
                .append("<h1>Fairness audit</h1>\n<p>").append(esc(source.file())).append(": ")
                .append(audit.data().size()).append(" rows; label <code>").append(esc(source.label()))
                .append("</code>, prediction <code>").append(esc(source.prediction())).append("</code>")
                .append(source.score() == null ? "" : ", score <code>" + esc(source.score()) + "</code>")
                .append("; groups by <code>").append(esc(String.join(", ", source.groups()))).append("</code>")
                .append("; favourable label ").append(audit.data().favourable()).append(".");
        if (ci != null) {
            h.append(String.format(Locale.ROOT, " Intervals: %.0f%% bootstrap percentile, %d resamples, seed %d,"
                    + " stratified by %s.", 100 * ci.options().level(), ci.options().nBoot(), ci.options().seed(),
                    ci.options().stratify().name().toLowerCase(Locale.ROOT)));
        }
        h.append("</p>\n<h2>Disparities</h2>\n<table><tr><th>metric</th><th>value</th><th>interval</th></tr>\n");
        for (Map.Entry<String, Aggregate> e : audit.disparities().entrySet()) {
            Aggregate a = e.getValue();
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td")
                    .append(a.isDefined() ? ">" : " class=\"nan\" title=\"" + esc(a.reason()) + "\">")
                    .append(AuditCommand.number(a.value())).append("</td><td>")
                    .append(ci == null ? "" : interval(ci.get(StatisticKey.disparity(e.getKey()))))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<p>Charts: bars are group values")
                .append(ci == null ? "" : ", whiskers their intervals")
                .append(", the dashed red line the overall value; hover for numbers.</p>\n");
        for (String m : mf.metrics()) {
            if (m.equals("count")) {
                continue; // group sizes are in the chart labels
            }
            h.append("<h2>").append(esc(m)).append("</h2>\n").append(chart(mf, m, ci));
        }
        if (!audit.warnings().isEmpty()) {
            h.append("<h2>Warnings</h2>\n<ul>\n");
            audit.warnings().forEach(w -> h.append("<li>").append(esc(w)).append("</li>\n"));
            h.append("</ul>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    /** Horizontal bars per group, whiskers from the interval, a dashed line at the overall value. */
    private static String chart(MetricFrame mf, String m, BootstrapIntervals ci) {
        double top = 0;
        for (Group g : mf.groups()) {
            top = Math.max(top, finite(mf.value(m, g)));
            if (ci != null) {
                top = Math.max(top, finite(ci.byGroup(m, g).high()));
            }
        }
        top = Math.max(top, finite(mf.overall(m)));
        top = top <= 1 ? 1 : top * 1.1; // rates share the [0, 1] axis
        int height = ROW * mf.groups().size() + 24;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-size=\"12\" role=\"img\" aria-label=\"%s by group\">\n", LABEL_WIDTH + PLOT_WIDTH + 70,
                height, esc(m)));
        int row = 0;
        for (Group g : mf.groups()) {
            double v = mf.value(m, g);
            int y = row * ROW + 4;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s (n=%d)</text>\n",
                    LABEL_WIDTH - 6, y + 15, esc(g.name()), mf.count(g)));
            if (Double.isNaN(v)) {
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"nan\" fill=\"#b00\">NaN: %s"
                        + "</text>\n", LABEL_WIDTH + 4, y + 15, esc(mf.reason(m, g))));
            } else {
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\""
                        + " fill=\"#4e79a7\"><title>%s</title></rect>\n", LABEL_WIDTH, y + 3, x(v, top),
                        AuditCommand.number(v)));
                if (ci != null && ci.byGroup(m, g).isDefined()) {
                    Interval i = ci.byGroup(m, g);
                    double lo = LABEL_WIDTH + x(i.low(), top);
                    double hi = LABEL_WIDTH + x(i.high(), top);
                    int mid = y + 11;
                    s.append(String.format(Locale.ROOT, "<path d=\"M%.1f %dH%.1fM%.1f %dV%dM%.1f %dV%d\""
                            + " stroke=\"#222\" fill=\"none\"><title>%s</title></path>\n", lo, mid, hi, lo, mid - 5,
                            mid + 5, hi, mid - 5, mid + 5, interval(i)));
                }
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>\n",
                        LABEL_WIDTH + PLOT_WIDTH + 6, y + 15, AuditCommand.number(v)));
            }
            row++;
        }
        double overall = mf.overall(m);
        if (!Double.isNaN(overall)) {
            double ox = LABEL_WIDTH + x(overall, top);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"2\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e15759\""
                    + " stroke-dasharray=\"4 3\"><title>overall %s</title></line>\n", ox, ox, height - 18,
                    AuditCommand.number(overall)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">0</text><text x=\"%d\" y=\"%d\""
                + " text-anchor=\"end\">%s</text>\n", LABEL_WIDTH, height - 4, LABEL_WIDTH + PLOT_WIDTH, height - 4,
                AuditCommand.number(top)));
        return s.append("</svg>\n").toString();
    }

    private static double x(double v, double top) {
        return Math.max(0, Math.min(1, v / top)) * PLOT_WIDTH;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static String interval(Interval i) {
        return i.isDefined() ? "[" + AuditCommand.number(i.low()) + ", " + AuditCommand.number(i.high()) + "]"
                : "NaN (" + esc(i.reason()) + ")";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
