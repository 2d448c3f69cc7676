package org.equitrain.report;

/**
 * A value with an interval [lo, hi] (either bound may be NaN when unknown), shown in a {@link Table} as
 * "v ± h" or "v [lo, hi]".
 */
public record Estimate(double value, double lo, double hi) {
    /** A value with a symmetric interval value ± halfWidth. */
    public static Estimate plusMinus(double value, double halfWidth) {
        return new Estimate(value, value - halfWidth, value + halfWidth);
    }

    /** True when both bounds are known. */
    public boolean hasInterval() {
        return !Double.isNaN(lo) && !Double.isNaN(hi);
    }

    /** True when the interval is centred on the value (up to rounding), so "±" describes it exactly. */
    public boolean symmetric() {
        return hasInterval() && Math.abs((hi - value) - (value - lo)) <= 1e-9 * (hi - lo) + 1e-12 * Math.abs(value);
    }
}
