package org.equitrain.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Scatter plot of several point series, optionally with the diagonal y = x (for "estimate vs truth" plots, where
 * both axes then share one range). Points with a NaN coordinate are left out and counted in the legend.
 *
 * <pre>{@code
 * String svg = new ScatterPlot().title("LOO estimate vs brute force").xLabel("brute-force LOO")
 *         .yLabel("MPE estimate").diagonal().series("examples", truth, estimate).svg();
 * }</pre>
 */
public final class ScatterPlot extends Chart<ScatterPlot> {
    private record Series(String label, double[] x, double[] y) {
    }

    private final List<Series> series = new ArrayList<>();
    private boolean diagonal;

    /** Adds points (x[i], y[i]). */
    public ScatterPlot series(String label, double[] x, double[] y) {
        checkLengths("scatter plot", label, new String[] {"x", "y"}, x, y);
        series.add(new Series(label, x.clone(), y.clone()));
        return this;
    }

    /** Draws the line y = x and gives both axes the same range. */
    public ScatterPlot diagonal() {
        this.diagonal = true;
        return this;
    }

    @Override
    public String svg() {
        Range xr = new Range(false);
        Range yr = new Range(false);
        List<LegendEntry> legend = new ArrayList<>();
        int total = 0;
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            int skipped = 0;
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
                    xr.add(s.x[i]);
                    yr.add(s.y[i]);
                } else {
                    skipped++;
                }
            }
            total += s.x.length - skipped;
            legend.add(new LegendEntry(s.label, note(s.x.length - skipped, skipped, 0), Palette.color(k),
                    LegendEntry.Swatch.POINT));
        }
        yInclude.forEach(yr::add);
        if (diagonal) {
            legend.add(new LegendEntry("y = x", "", Palette.REFERENCE, LegendEntry.Swatch.DASHED));
            xr.add(yr.min);
            xr.add(yr.max);
            yr.add(xr.min);
            yr.add(xr.max);
        }
        Ticks.Scale yScale = yr.scale(false, PlotFrame.yTickTarget(this));
        PlotFrame frame = new PlotFrame(this, yScale, legend, 20);
        Axis x = frame.xAxis(diagonal ? yScale : xr.scale(false, frame.xTickTarget()));
        Axis y = frame.yAxis(yScale);
        Svg svg = frame.open();
        frame.yGrid(svg, y);
        frame.xGrid(svg, x);
        if (diagonal) {
            double lo = Math.max(x.scale().lo(), y.scale().lo());
            double hi = Math.min(x.scale().hi(), y.scale().hi());
            svg.line(x.px(lo), y.px(lo), x.px(hi), y.px(hi), Palette.REFERENCE, 1.5, "stroke-dasharray=\"5 3\"");
        }
        double r = total > 2000 ? 1.8 : total > 300 ? 2.5 : 3.5;
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String color = Palette.color(k);
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
                    svg.circle(x.px(s.x[i]), y.px(s.y[i]), r, color, "fill-opacity=\"0.6\"");
                }
            }
        }
        if (total == 0) {
            frame.note(svg, "no data");
        }
        frame.axisLines(svg);
        frame.legend(svg);
        return svg.close();
    }
}
