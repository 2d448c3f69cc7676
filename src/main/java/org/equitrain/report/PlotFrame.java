package org.equitrain.report;

import java.util.List;

/**
 * Layout and decoration of a chart with axes: margins sized from the tick labels and legend, background, title,
 * axis labels, grid lines, tick labels and the legend to the right of the plot area.
 */
final class PlotFrame {
    /** Average glyph width of a sans-serif font, in em; used to size margins from label lengths. */
    static final double GLYPH = 0.58;
    private static final int MAX_LEGEND_CHARS = 34;
    private final Chart<?> chart;
    private final List<LegendEntry> legend;
    final double left;
    final double top;
    final double right;
    final double bottom;

    /**
     * @param yScale        the y axis, whose widest tick label sets the left margin
     * @param xLabelsHeight room under the plot for x tick labels (more for rotated category names)
     */
    PlotFrame(Chart<?> chart, Ticks.Scale yScale, List<LegendEntry> legend, double xLabelsHeight) {
        this(chart, yScale, legend, xLabelsHeight, 0);
    }

    /** As above, with a left margin of at least {@code minLeft} (room for slanted category names). */
    PlotFrame(Chart<?> chart, Ticks.Scale yScale, List<LegendEntry> legend, double xLabelsHeight, double minLeft) {
        this.chart = chart;
        this.legend = legend;
        int widest = 0;
        for (String s : yScale.labels()) {
            widest = Math.max(widest, s.length());
        }
        left = Math.max(minLeft, 10 + (chart.yAxisLabel().isEmpty() ? 0 : 22) + widest * 11 * GLYPH + 8);
        top = chart.title.isEmpty() ? 14 : 38;
        right = chart.width - 16 - legendWidth();
        bottom = chart.height - 8 - xLabelsHeight - (chart.xLabel.isEmpty() ? 0 : 20);
    }

    Axis xAxis(Ticks.Scale scale) {
        return new Axis(scale, left, right);
    }

    Axis yAxis(Ticks.Scale scale) {
        return new Axis(scale, bottom, top);
    }

    /** About how many x tick intervals fit: one per 90 px. */
    int xTickTarget() {
        return Math.max(2, (int) ((right - left) / 90));
    }

    /** About how many y tick intervals fit in {@code chart}: one per 50 px of its height less the margins. */
    static int yTickTarget(Chart<?> chart) {
        return Math.max(2, (chart.height - 90) / 50);
    }

    /** Starts the drawing: background, title and axis labels. */
    Svg open() {
        Svg svg = new Svg(chart.width, chart.height, chart.title.isEmpty() ? "chart" : chart.title);
        svg.rect(0, 0, chart.width, chart.height, "#FFFFFF", "");
        if (!chart.title.isEmpty()) {
            svg.text(chart.width / 2.0, 24, chart.title, "middle",
                    "font-size=\"15\" font-weight=\"600\" fill=\"" + Palette.TEXT + "\"");
        }
        if (!chart.xLabel.isEmpty()) {
            svg.text((left + right) / 2, chart.height - 10, chart.xLabel, "middle", "fill=\"" + Palette.TEXT + "\"");
        }
        if (!chart.yAxisLabel().isEmpty()) {
            double cy = (top + bottom) / 2;
            svg.text(16, cy, chart.yAxisLabel(), "middle", "fill=\"" + Palette.TEXT + "\" transform=\"rotate(-90 16 "
                    + NumberText.coord(cy) + ")\" dominant-baseline=\"middle\"");
        }
        return svg;
    }

    /** Horizontal grid lines and labels at the y ticks. */
    void yGrid(Svg svg, Axis y) {
        Ticks.Scale s = y.scale();
        for (int i = 0; i < s.ticks().length; i++) {
            double py = y.px(s.ticks()[i]);
            svg.line(left, py, right, py, Palette.GRID, 1, "");
            svg.text(left - 6, py + 4, s.labels()[i], "end", "font-size=\"11\" fill=\"" + Palette.MUTED + "\"");
        }
    }

    /** Vertical grid lines and labels at the x ticks. */
    void xGrid(Svg svg, Axis x) {
        Ticks.Scale s = x.scale();
        for (int i = 0; i < s.ticks().length; i++) {
            double px = x.px(s.ticks()[i]);
            svg.line(px, top, px, bottom, Palette.GRID, 1, "");
            svg.text(px, bottom + 16, s.labels()[i], "middle", "font-size=\"11\" fill=\"" + Palette.MUTED + "\"");
        }
    }

    /** The axis lines (left and bottom edges of the plot area). */
    void axisLines(Svg svg) {
        svg.line(left, bottom, right, bottom, Palette.AXIS, 1, "");
        svg.line(left, top, left, bottom, Palette.AXIS, 1, "");
    }

    /** A centred note in the plot area, e.g. "no data". */
    void note(Svg svg, String text) {
        svg.text((left + right) / 2, (top + bottom) / 2, text, "middle",
                "font-size=\"13\" fill=\"" + Palette.MUTED + "\"");
    }

    /** The legend, to the right of the plot area, one row per entry. */
    void legend(Svg svg) {
        double x = right + 14;
        double y = top + 6;
        for (LegendEntry e : legend) {
            double cy = y + 6;
            String c = e.color();
            switch (e.swatch()) {
                case LINE -> svg.line(x, cy, x + 18, cy, c, 2.5, "");
                case DASHED -> svg.line(x, cy, x + 18, cy, c, 1.5, "stroke-dasharray=\"5 3\"");
                case POINT -> svg.circle(x + 9, cy, 4, c, "");
                case BOX -> svg.rect(x + 2, cy - 6, 14, 12, c, "");
            }
            svg.text(x + 24, cy + 4, shortened(e.label()), "start", "fill=\"" + Palette.TEXT + "\"");
            y += 20;
            if (!e.note().isEmpty()) {
                svg.text(x + 24, y + 2, shortened(e.note()), "start",
                        "font-size=\"10\" fill=\"" + Palette.MUTED + "\"");
                y += 14;
            }
        }
    }

    private double legendWidth() {
        if (legend.isEmpty()) {
            return 0;
        }
        int widest = 0;
        for (LegendEntry e : legend) {
            widest = Math.max(widest, shortened(e.label()).length());
            widest = Math.max(widest, (int) Math.ceil(shortened(e.note()).length() * 10 / 12.0));
        }
        return 14 + 24 + widest * 12 * GLYPH;
    }

    private static String shortened(String label) {
        return label.length() <= MAX_LEGEND_CHARS ? label : label.substring(0, MAX_LEGEND_CHARS - 1) + "…";
    }
}
