package org.equitrain.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings shared by the charts with axes: title, axis labels, size in pixels, and values the y axis must include
 * (e.g. 0 and 1 for an accuracy axis). Setters return the chart itself for chaining.
 *
 * @param <S> the concrete chart type
 */
public abstract class Chart<S extends Chart<S>> implements Plot {
    String title = "";
    String xLabel = "";
    String yLabel = "";
    int width = 720;
    int height = 420;
    final List<Double> yInclude = new ArrayList<>();

    Chart() {
    }

    /** The title above the chart (default none). */
    public S title(String title) {
        this.title = title;
        return self();
    }

    /** The x-axis label (default none). */
    public S xLabel(String label) {
        this.xLabel = label;
        return self();
    }

    /** The y-axis label (default none). */
    public S yLabel(String label) {
        this.yLabel = label;
        return self();
    }

    /** Size of the drawing in pixels (default 720 × 420); a report scales it down to fit narrow pages. */
    public S size(int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("chart size must be at least 200 x 150 px, got " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        return self();
    }

    /** Values the y axis must cover even when no data reaches them. */
    public S includeY(double... values) {
        for (double v : values) {
            yInclude.add(v);
        }
        return self();
    }

    /** The y axis label as drawn (a chart may supply a default). */
    String yAxisLabel() {
        return yLabel;
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** Checks that every array of a series has the same length, naming the series and arrays otherwise. */
    static void checkLengths(String chart, String series, String[] names, double[]... arrays) {
        for (int i = 1; i < arrays.length; i++) {
            if (arrays[i].length != arrays[0].length) {
                throw new IllegalArgumentException(chart + " series '" + series + "': " + names[0] + " has "
                        + arrays[0].length + " values but " + names[i] + " has " + arrays[i].length);
            }
        }
    }

    /** What a legend says about left-out points, e.g. "2 NaN skipped" or "no data"; empty when nothing is missing. */
    static String note(int drawn, int nonFinite, int nonPositive) {
        List<String> notes = new ArrayList<>();
        if (drawn == 0) {
            notes.add("no data");
        }
        if (nonFinite > 0) {
            notes.add(nonFinite + " NaN skipped");
        }
        if (nonPositive > 0) {
            notes.add(nonPositive + " ≤ 0 skipped (log)");
        }
        return String.join(", ", notes);
    }
}
