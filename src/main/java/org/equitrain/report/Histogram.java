package org.equitrain.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Histogram of one or more samples on shared, equal-width bins (overlaid, translucent, each with its outline).
 * Counts by default; {@link #density()} scales each sample to unit area so samples of different sizes compare.
 * Non-finite values are left out and counted in the legend.
 *
 * <pre>{@code
 * String svg = new Histogram().title("Generated vs real").xLabel("x").bins(40).density()
 *         .series("real", real).series("generation 5", generated).svg();
 * }</pre>
 */
public final class Histogram extends Chart<Histogram> {
    private record Series(String label, double[] values) {
    }

    private final List<Series> series = new ArrayList<>();
    private int bins;
    private boolean density;

    /** Adds a sample. */
    public Histogram series(String label, double[] values) {
        series.add(new Series(label, values.clone()));
        return this;
    }

    /** Number of bins; by default √n (n the largest sample), between 5 and 60. */
    public Histogram bins(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("a histogram needs at least one bin, got " + bins);
        }
        this.bins = bins;
        return this;
    }

    /** Shows densities (each sample integrates to 1) instead of counts. */
    public Histogram density() {
        this.density = true;
        return this;
    }

    @Override
    String yAxisLabel() {
        return yLabel.isEmpty() ? density ? "density" : "count" : yLabel;
    }

    @Override
    public String svg() {
        Range xr = new Range(false);
        int largest = 0;
        for (Series s : series) {
            int finite = 0;
            for (double v : s.values) {
                if (Double.isFinite(v)) {
                    xr.add(v);
                    finite++;
                }
            }
            largest = Math.max(largest, finite);
        }
        int nBins = bins > 0 ? bins : Math.max(5, Math.min(60, (int) Math.ceil(Math.sqrt(largest))));
        double lo = xr.isEmpty() ? 0 : xr.min;
        double hi = xr.isEmpty() ? 1 : xr.max;
        if (hi == lo) {
            lo -= 0.5;
            hi += 0.5;
        }
        double width = (hi - lo) / nBins;
        List<double[]> heights = new ArrayList<>();
        List<LegendEntry> legend = new ArrayList<>();
        Range yr = new Range(false);
        yr.add(0);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            double[] h = new double[nBins];
            int finite = 0;
            for (double v : s.values) {
                if (Double.isFinite(v)) {
                    h[Math.min(nBins - 1, (int) ((v - lo) / width))]++;
                    finite++;
                }
            }
            for (int b = 0; b < nBins; b++) {
                h[b] = density && finite > 0 ? h[b] / (finite * width) : h[b];
                yr.add(h[b]);
            }
            heights.add(h);
            legend.add(new LegendEntry(s.label, note(finite, s.values.length - finite, 0), Palette.color(k),
                    LegendEntry.Swatch.BOX));
        }
        yInclude.forEach(yr::add);
        Ticks.Scale yScale = yr.scale(false, PlotFrame.yTickTarget(this));
        PlotFrame frame = new PlotFrame(this, yScale, legend, 20);
        Ticks.Scale xTicks = Ticks.linear(lo, hi, frame.xTickTarget());
        Axis x = frame.xAxis(xTicks);
        Axis y = frame.yAxis(yScale);
        Svg svg = frame.open();
        frame.yGrid(svg, y);
        frame.xGrid(svg, x);
        double base = y.px(0);
        for (int k = 0; k < heights.size(); k++) {
            double[] h = heights.get(k);
            String color = Palette.color(k);
            double[] ox = new double[2 * nBins + 2];
            double[] oy = new double[2 * nBins + 2];
            ox[0] = x.px(lo);
            oy[0] = base;
            for (int b = 0; b < nBins; b++) {
                double x0 = x.px(lo + b * width);
                double x1 = x.px(lo + (b + 1) * width);
                double top = y.px(h[b]);
                if (h[b] > 0) {
                    svg.rect(x0, top, x1 - x0, base - top, color, "fill-opacity=\"" + (series.size() > 1 ? 0.3 : 0.55) + "\"");
                }
                ox[2 * b + 1] = x0;
                oy[2 * b + 1] = top;
                ox[2 * b + 2] = x1;
                oy[2 * b + 2] = top;
            }
            ox[2 * nBins + 1] = x.px(hi);
            oy[2 * nBins + 1] = base;
            svg.polyline(ox, oy, 0, ox.length, color, 1.5, "");
        }
        if (xr.isEmpty()) {
            frame.note(svg, "no data");
        }
        frame.axisLines(svg);
        frame.legend(svg);
        return svg.close();
    }
}
