package org.equitrain.report;

import java.util.Locale;

/**
 * Numbers as text, the same on every machine (Locale.ROOT): table cells, SVG coordinates, durations, and through
 * {@link #of} the numbers of one-line summaries, so that they read as the tables beside them.
 */
public final class NumberText {
    private NumberText() {
    }

    /**
     * A value as a report's summary row writes it: 4 significant digits, fixed or scientific by magnitude ("0.8125",
     * "1.25e-5"); an {@link Estimate} as "v [lo, hi]"; NaN as "n/a". For summaries and findings that repeat values
     * the tables show.
     */
    public static String of(Object value) {
        return CellText.single(value, 4);
    }

    /** An SVG coordinate: at most two decimals, trailing zeros dropped. */
    static String coord(double v) {
        long hundredths = Math.round(v * 100);
        long whole = Math.abs(hundredths) / 100;
        int frac = (int) (Math.abs(hundredths) % 100);
        String sign = hundredths < 0 ? "-" : "";
        if (frac == 0) {
            return sign + whole;
        }
        return sign + whole + (frac % 10 == 0 ? "." + frac / 10 : frac < 10 ? ".0" + frac : "." + frac);
    }

    /** Fixed-point with {@code decimals} places; "NaN", "∞" and "−∞" for non-finite values; never "-0". */
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return isNegativeZero(s) ? s.substring(1) : s;
    }

    /** Scientific with {@code significant} digits, written compactly: "1.25e-5", "3e6". */
    static String scientific(double v, int significant) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        String s = String.format(Locale.ROOT, "%." + Math.max(0, significant - 1) + "e", v);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        int exponent = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exponent;
    }

    /** Decimal places that show {@code significant} digits of the largest magnitude {@code maxAbs} (0 to 8). */
    static int decimalsFor(double maxAbs, int significant) {
        if (!(maxAbs > 0) || !Double.isFinite(maxAbs)) {
            return Math.min(significant - 1, 8);
        }
        int magnitude = (int) Math.floor(Math.log10(maxAbs));
        return Math.max(0, Math.min(8, significant - 1 - magnitude));
    }

    /** True when magnitudes this large or small read better in scientific notation. */
    static boolean needsScientific(double maxAbs) {
        return maxAbs >= 1e7 || maxAbs > 0 && maxAbs < 1e-4;
    }

    /** A number on its own: {@code significant} digits, fixed or scientific by magnitude. */
    static String auto(double v, int significant) {
        double a = Math.abs(v);
        return needsScientific(a) ? scientific(v, significant) : fixed(v, decimalsFor(a, significant));
    }

    /** A duration as "0:07", "12:34" or "1:02:03" (hours:minutes:seconds); "?" when unknown. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = s / 60 % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", m, s % 60);
    }

    private static boolean isNegativeZero(String s) {
        return s.startsWith("-") && s.chars().skip(1).allMatch(c -> c == '0' || c == '.');
    }

    private static String nonFinite(double v) {
        return Double.isNaN(v) ? "NaN" : v > 0 ? "∞" : "−∞";
    }
}
