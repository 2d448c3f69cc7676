package org.equitrain.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Grouped bar chart: one group of bars per category, one bar per series, each with an optional error bar
 * [lo, hi], and optional horizontal reference lines (e.g. chance level or a fairness target). A NaN value draws
 * "n/a" instead of a bar and is counted in the legend.
 *
 * <pre>{@code
 * String svg = new BarChart().title("Equal-opportunity gap").yLabel("TPR difference")
 *         .categories("ERM", "Reweighing", "L2RW", "FORML")
 *         .series("adult", mean, ciLow, ciHigh)
 *         .referenceLine(0, "no gap")
 *         .svg();
 * }</pre>
 */
public final class BarChart extends Chart<BarChart> {
    private record Series(String label, double[] values, double[] lo, double[] hi) {
    }

    private record Reference(double y, String label) {
    }

    private final List<String> categories = new ArrayList<>();
    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();

    /** The categories along the x axis, one group of bars each; set before adding series. */
    public BarChart categories(String... names) {
        if (!series.isEmpty()) {
            throw new IllegalStateException("bar chart: set categories before adding series");
        }
        categories.clear();
        categories.addAll(Arrays.asList(names));
        return this;
    }

    /** A series: one bar per category. */
    public BarChart series(String label, double[] values) {
        checkCount(label, values);
        series.add(new Series(label, values.clone(), null, null));
        return this;
    }

    /** A series with error bars from lo[i] to hi[i] (NaN bounds draw no error bar). */
    public BarChart series(String label, double[] values, double[] lo, double[] hi) {
        checkCount(label, values);
        checkLengths("bar chart", label, new String[] {"values", "lo", "hi"}, values, lo, hi);
        series.add(new Series(label, values.clone(), lo.clone(), hi.clone()));
        return this;
    }

    /** A dashed horizontal line at {@code y}, labelled at its right end. */
    public BarChart referenceLine(double y, String label) {
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("bar chart reference line '" + label + "' needs a finite y, got " + y);
        }
        references.add(new Reference(y, label));
        return this;
    }

    private void checkCount(String label, double[] values) {
        if (values.length != categories.size()) {
            throw new IllegalArgumentException("bar chart series '" + label + "' has " + values.length
                    + " values for " + categories.size() + " categories " + categories);
        }
    }

    @Override
    public String svg() {
        Range yr = new Range(false);
        yr.add(0);
        List<LegendEntry> legend = new ArrayList<>();
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            int nan = 0;
            for (int i = 0; i < s.values.length; i++) {
                if (!Double.isFinite(s.values[i])) {
                    nan++;
                }
                yr.add(s.values[i]);
                if (s.lo != null) {
                    yr.add(s.lo[i]);
                    yr.add(s.hi[i]);
                }
            }
            if (!(series.size() == 1 && s.label.isEmpty())) {
                legend.add(new LegendEntry(s.label, note(s.values.length - nan, nan, 0), Palette.color(k),
                        LegendEntry.Swatch.BOX));
            }
        }
        references.forEach(r -> yr.add(r.y));
        yInclude.forEach(yr::add);
        Ticks.Scale yScale = yr.scale(false, PlotFrame.yTickTarget(this));
        int widestName = categories.stream().mapToInt(String::length).max().orElse(0);
        double nameWidth = widestName * 11 * PlotFrame.GLYPH;
        PlotFrame probe = new PlotFrame(this, yScale, legend, 20);
        double group = (probe.right - probe.left) / Math.max(1, categories.size());
        boolean rotate = nameWidth > group - 6;
        // Names slanted at 35° reach cos 35° ≈ 0.82 of their width left of their anchor and sin 35° ≈ 0.57 below.
        double firstName = categories.isEmpty() ? 0 : categories.get(0).length() * 11 * PlotFrame.GLYPH;
        PlotFrame frame = rotate ? new PlotFrame(this, yScale, legend, Math.min(160, nameWidth * 0.6 + 24),
                0.82 * firstName - group / 2 + 8) : probe;
        if (rotate) {
            group = (frame.right - frame.left) / categories.size();
        }
        Axis y = frame.yAxis(yScale);
        Svg svg = frame.open();
        frame.yGrid(svg, y);
        double base = y.px(0);
        int m = Math.max(1, series.size());
        double bar = Math.min(0.8 * group / m, 64);
        for (int c = 0; c < categories.size(); c++) {
            double gx = frame.left + (c + 0.5) * group - bar * m / 2;
            for (int k = 0; k < series.size(); k++) {
                drawBar(svg, series.get(k), c, gx + k * bar, bar, y, base, Palette.color(k));
            }
            double cx = frame.left + (c + 0.5) * group;
            String style = "font-size=\"11\" fill=\"" + Palette.TEXT + "\""; // the size the layout above assumes
            if (rotate) {
                double ty = frame.bottom + 14;
                svg.text(cx, ty, categories.get(c), "end", style + " transform=\"rotate(-35 " + NumberText.coord(cx)
                        + " " + NumberText.coord(ty) + ")\"");
            } else {
                svg.text(cx, frame.bottom + 16, categories.get(c), "middle", style);
            }
        }
        for (Reference r : references) {
            double py = y.px(r.y);
            svg.line(frame.left, py, frame.right, py, Palette.REFERENCE, 1.5, "stroke-dasharray=\"6 4\"");
            svg.text(frame.right - 4, py - 5, r.label, "end", "font-size=\"11\" fill=\"" + Palette.MUTED + "\" "
                    + Svg.HALO);
        }
        if (categories.isEmpty() || series.isEmpty()) {
            frame.note(svg, "no data");
        }
        frame.axisLines(svg);
        frame.legend(svg);
        return svg.close();
    }

    private static void drawBar(Svg svg, Series s, int c, double x, double w, Axis y, double base, String color) {
        double v = s.values[c];
        if (!Double.isFinite(v)) {
            svg.text(x + w / 2, base - 4, "n/a", "middle", "font-size=\"10\" fill=\"" + Palette.MUTED + "\"");
            return;
        }
        double top = y.px(v);
        svg.rect(x + 1, Math.min(top, base), w - 2, Math.abs(base - top), color, "");
        if (s.lo != null && Double.isFinite(s.lo[c]) && Double.isFinite(s.hi[c])) {
            double cx = x + w / 2;
            double cap = Math.min(10, w * 0.4) / 2;
            double plo = y.px(s.lo[c]);
            double phi = y.px(s.hi[c]);
            svg.line(cx, plo, cx, phi, Palette.TEXT, 1.5, "");
            svg.line(cx - cap, plo, cx + cap, plo, Palette.TEXT, 1.5, "");
            svg.line(cx - cap, phi, cx + cap, phi, Palette.TEXT, 1.5, "");
        }
    }
}
