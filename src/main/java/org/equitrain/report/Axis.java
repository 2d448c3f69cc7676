package org.equitrain.report;

/** A {@link Ticks.Scale} placed on the page: maps data values to pixels between {@code p0} (at lo) and {@code p1}. */
record Axis(Ticks.Scale scale, double p0, double p1) {
    double px(double v) {
        return p0 + scale.fraction(v) * (p1 - p0);
    }

    /** True when {@code v} can be drawn on this axis (finite, and positive on a log axis). */
    boolean accepts(double v) {
        return Double.isFinite(v) && (!scale.log() || v > 0);
    }
}
