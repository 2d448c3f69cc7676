package org.equitrain.report;

import java.math.BigInteger;
import java.util.Collections;

/**
 * How values read in tables and summaries. Whole numbers (Integer, Long, …) as they are; floating values with a
 * number of decimals shared by their column (so the column lines up), switching to scientific notation for very
 * large or small magnitudes and for a non-zero value that would otherwise read as 0; {@link Estimate}s as
 * "v ± h" or "v [lo, hi]"; null as an em dash; NaN as "n/a" (not defined: the table's caption or the text beside it
 * says why), infinities as "∞" and "−∞".
 */
final class CellText {
    private final int decimals;
    private final boolean scientific;
    private final int significant;
    private final Table.IntervalStyle style;

    private CellText(int decimals, boolean scientific, int significant, Table.IntervalStyle style) {
        this.decimals = decimals;
        this.scientific = scientific;
        this.significant = significant;
        this.style = style;
    }

    /** The formatting shared by a column of {@code cells}, showing {@code significant} digits of its largest value. */
    static CellText forColumn(Iterable<Object> cells, int significant, Table.IntervalStyle style) {
        double maxAbs = 0;
        for (Object cell : cells) {
            Object c = cell instanceof SeedSummary s ? s.estimate() : cell;
            if (c instanceof Estimate e) {
                maxAbs = maxFinite(maxAbs, e.value(), e.lo(), e.hi());
            } else if (isFloating(c)) {
                maxAbs = maxFinite(maxAbs, ((Number) c).doubleValue());
            }
        }
        return new CellText(NumberText.decimalsFor(maxAbs, significant), NumberText.needsScientific(maxAbs),
                significant, style);
    }

    /** The formatting of a value on its own. */
    static String single(Object value, int significant) {
        return forColumn(Collections.singletonList(value), significant, Table.IntervalStyle.BRACKETS)
                .format(value);
    }

    /** True when the value is shown as a number (right-aligned). */
    static boolean isNumeric(Object value) {
        return value instanceof Number || value instanceof Estimate || value instanceof SeedSummary;
    }

    String format(Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof SeedSummary s) {
            return format(s.estimate());
        }
        if (value instanceof Estimate e) {
            String v = number(e.value());
            if (!e.hasInterval() || Double.isNaN(e.value())) {
                return v;
            }
            if (style == Table.IntervalStyle.PLUS_MINUS && e.symmetric()) {
                return v + " ± " + number(e.hi() - e.value());
            }
            return v + " [" + number(e.lo()) + ", " + number(e.hi()) + "]";
        }
        if (isFloating(value)) {
            return number(((Number) value).doubleValue());
        }
        return value.toString();
    }

    private String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (scientific) {
            return NumberText.scientific(v, significant);
        }
        String fixed = NumberText.fixed(v, decimals);
        boolean readsAsZero = v != 0 && Double.isFinite(v) && fixed.chars().noneMatch(c -> c >= '1' && c <= '9');
        return readsAsZero ? NumberText.scientific(v, significant) : fixed;
    }

    private static boolean isFloating(Object c) {
        return c instanceof Number && !(c instanceof Integer || c instanceof Long || c instanceof Short
                || c instanceof Byte || c instanceof BigInteger);
    }

    private static double maxFinite(double max, double... values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }
}
