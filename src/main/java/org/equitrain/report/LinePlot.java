package org.equitrain.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Line plot of several series against a numeric x axis, with an optional shaded confidence band per series, dashed
 * grey reference curves labelled at their first point (e.g. a target of 1) and an optional log y axis. A NaN (or, on
 * a log axis, a value ≤ 0) breaks the line and is counted in the legend.
 *
 * <pre>{@code
 * String svg = new LinePlot().title("Test accuracy").xLabel("epoch").yLabel("accuracy")
 *         .series("ERM", epochs, ermMean, ermLow, ermHigh)
 *         .series("FORML", epochs, formlMean)
 *         .reference("chance", new double[] {1, 20}, new double[] {0.5, 0.5})
 *         .svg();
 * }</pre>
 */
public final class LinePlot extends Chart<LinePlot> {
    private record Series(String label, double[] x, double[] y, double[] lo, double[] hi) {
    }

    private record Reference(String label, double[] x, double[] y) {
    }

    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private boolean logY;
    private int markerLimit = 40;

    /** Adds a series of points (x[i], y[i]) joined in the given order. */
    public LinePlot series(String label, double[] x, double[] y) {
        checkLengths("line plot", label, new String[] {"x", "y"}, x, y);
        series.add(new Series(label, x.clone(), y.clone(), null, null));
        return this;
    }

    /** Adds a series with a band shaded between lo[i] and hi[i] (e.g. a 95% interval over seeds). */
    public LinePlot series(String label, double[] x, double[] y, double[] lo, double[] hi) {
        checkLengths("line plot", label, new String[] {"x", "y", "lo", "hi"}, x, y, lo, hi);
        series.add(new Series(label, x.clone(), y.clone(), lo.clone(), hi.clone()));
        return this;
    }

    /**
     * A dashed grey reference curve through the points (x[i], y[i]), labelled at its first point: a constant target
     * from two points, or an expectation that depends on x from many. The axes cover it.
     */
    public LinePlot reference(String label, double[] x, double[] y) {
        checkLengths("line plot", label, new String[] {"x", "y"}, x, y);
        references.add(new Reference(label, x.clone(), y.clone()));
        return this;
    }

    /** Uses a log10 y axis; values ≤ 0 are left out and counted in the legend. */
    public LinePlot logY() {
        this.logY = true;
        return this;
    }

    /** Draws point markers on series with at most {@code maxPoints} points (default 40; 0 for none). */
    public LinePlot markers(int maxPoints) {
        this.markerLimit = maxPoints;
        return this;
    }

    @Override
    public String svg() {
        Range xr = new Range(false);
        Range yr = new Range(logY);
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (!Double.isFinite(s.x[i])) {
                    continue;
                }
                if (Double.isFinite(s.y[i]) && (!logY || s.y[i] > 0)) {
                    xr.add(s.x[i]);
                    yr.add(s.y[i]);
                }
                if (s.lo != null && Double.isFinite(s.lo[i]) && Double.isFinite(s.hi[i]) && (!logY || s.lo[i] > 0)) {
                    xr.add(s.x[i]);
                    yr.add(s.lo[i]);
                    yr.add(s.hi[i]);
                }
            }
        }
        for (Reference r : references) {
            for (int i = 0; i < r.x.length; i++) {
                if (Double.isFinite(r.x[i]) && Double.isFinite(r.y[i]) && (!logY || r.y[i] > 0)) {
                    xr.add(r.x[i]);
                    yr.add(r.y[i]);
                }
            }
        }
        yInclude.forEach(yr::add);
        List<LegendEntry> legend = new ArrayList<>();
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            int nonFinite = 0;
            int nonPositive = 0;
            for (int i = 0; i < s.x.length; i++) {
                if (!Double.isFinite(s.x[i]) || !Double.isFinite(s.y[i])) {
                    nonFinite++;
                } else if (logY && s.y[i] <= 0) {
                    nonPositive++;
                }
            }
            legend.add(new LegendEntry(s.label, note(s.x.length - nonFinite - nonPositive, nonFinite, nonPositive),
                    Palette.color(k), LegendEntry.Swatch.LINE));
        }
        Ticks.Scale yScale = yr.scale(logY, PlotFrame.yTickTarget(this));
        PlotFrame frame = new PlotFrame(this, yScale, legend, 20);
        Axis x = frame.xAxis(xr.scale(false, frame.xTickTarget()));
        Axis y = frame.yAxis(yScale);
        Svg svg = frame.open();
        frame.yGrid(svg, y);
        frame.xGrid(svg, x);
        for (int k = 0; k < series.size(); k++) {
            if (series.get(k).lo != null) {
                drawBand(svg, series.get(k), x, y, Palette.color(k));
            }
        }
        references.forEach(r -> drawReference(svg, r, x, y));
        for (int k = 0; k < series.size(); k++) {
            drawLine(svg, series.get(k), x, y, Palette.color(k));
        }
        if (xr.isEmpty()) {
            frame.note(svg, "no data");
        }
        frame.axisLines(svg);
        frame.legend(svg);
        return svg.close();
    }

    private void drawLine(Svg svg, Series s, Axis x, Axis y, String color) {
        int n = s.x.length;
        double[] px = new double[n];
        double[] py = new double[n];
        boolean markers = n <= markerLimit;
        int i = 0;
        while (i < n) {
            if (!(x.accepts(s.x[i]) && y.accepts(s.y[i]))) {
                i++;
                continue;
            }
            int from = i;
            while (i < n && x.accepts(s.x[i]) && y.accepts(s.y[i])) {
                px[i] = x.px(s.x[i]);
                py[i] = y.px(s.y[i]);
                i++;
            }
            if (i - from > 1) {
                svg.polyline(px, py, from, i, color, 2, "");
            }
            if (markers || i - from == 1) {
                for (int j = from; j < i; j++) {
                    svg.circle(px[j], py[j], 2.8, color, "");
                }
            }
        }
    }

    private static void drawReference(Svg svg, Reference r, Axis x, Axis y) {
        int n = r.x.length;
        double[] px = new double[n];
        double[] py = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (x.accepts(r.x[i]) && y.accepts(r.y[i])) {
                px[m] = x.px(r.x[i]);
                py[m++] = y.px(r.y[i]);
            }
        }
        if (m == 0) {
            return;
        }
        svg.polyline(px, py, 0, m, Palette.REFERENCE, 1.5, "stroke-dasharray=\"6 4\"");
        svg.text(px[0] + 4, py[0] - 5, r.label, "start", "font-size=\"11\" fill=\"" + Palette.MUTED + "\" "
                + Svg.HALO);
    }

    private static void drawBand(Svg svg, Series s, Axis x, Axis y, String color) {
        int n = s.x.length;
        int i = 0;
        while (i < n) {
            if (!bandPoint(s, i, x, y)) {
                i++;
                continue;
            }
            int from = i;
            while (i < n && bandPoint(s, i, x, y)) {
                i++;
            }
            int m = i - from;
            double[] px = new double[2 * m];
            double[] py = new double[2 * m];
            for (int j = 0; j < m; j++) {
                px[j] = x.px(s.x[from + j]);
                py[j] = y.px(s.hi[from + j]);
                px[2 * m - 1 - j] = px[j];
                py[2 * m - 1 - j] = y.px(s.lo[from + j]);
            }
            svg.polygon(px, py, color, "fill-opacity=\"0.18\"");
        }
    }

    private static boolean bandPoint(Series s, int i, Axis x, Axis y) {
        return x.accepts(s.x[i]) && y.accepts(s.lo[i]) && y.accepts(s.hi[i]);
    }
}
