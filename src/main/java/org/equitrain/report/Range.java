package org.equitrain.report;

/** The smallest and largest of the values offered to it, ignoring those an axis cannot show. */
final class Range {
    private final boolean positiveOnly;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    Range(boolean positiveOnly) {
        this.positiveOnly = positiveOnly;
    }

    void add(double v) {
        if (Double.isFinite(v) && (!positiveOnly || v > 0)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
    }

    boolean isEmpty() {
        return min > max;
    }

    /** Ticks for this range ({@code target} intervals on a linear axis); [0, 1] or [1, 10] when empty. */
    Ticks.Scale scale(boolean log, int target) {
        if (log) {
            return isEmpty() ? Ticks.log(1, 10) : Ticks.log(min, max);
        }
        return isEmpty() ? Ticks.linear(0, 1, target) : Ticks.linear(min, max, target);
    }
}
