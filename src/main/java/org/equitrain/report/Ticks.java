package org.equitrain.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * "Nice" axis ticks: steps of 1, 2 or 5 × 10^k that cover the data (Heckbert, "Nice numbers for graph labels",
 * Graphics Gems, 1990), and decade ticks for log axes. Tick values are computed exactly (as decimals) so labels
 * never read 0.30000000000000004.
 */
final class Ticks {
    private Ticks() {
    }

    /** An axis domain [lo, hi] (data units) with its tick values and labels; {@code log} for a log10 axis. */
    record Scale(double lo, double hi, double[] ticks, String[] labels, boolean log) {
        /** Position of {@code v} in the domain as a fraction 0..1 (log10 on a log axis). */
        double fraction(double v) {
            return log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
        }
    }

    /**
     * Linear ticks covering [dataLo, dataHi] with about {@code target} intervals; the domain is widened to the
     * outermost ticks. A degenerate or non-finite range becomes a small range around the value (or [0, 1]).
     */
    static Scale linear(double dataLo, double dataHi, int target) {
        double lo = Math.min(dataLo, dataHi);
        double hi = Math.max(dataLo, dataHi);
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            lo = 0;
            hi = 1;
        }
        if (hi == lo) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double raw = (hi - lo) / Math.max(1, target);
        int exponent = (int) Math.floor(Math.log10(raw));
        double norm = raw / Math.pow(10, exponent);
        int mantissa = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
        if (mantissa == 10) {
            mantissa = 1;
            exponent++;
        }
        double step = mantissa * Math.pow(10, exponent);
        long first = (long) Math.floor(lo / step + 1e-9);
        long last = (long) Math.ceil(hi / step - 1e-9);
        int n = (int) (last - first + 1);
        double[] ticks = new double[n];
        BigDecimal[] exact = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            exact[i] = BigDecimal.valueOf((first + i) * mantissa).scaleByPowerOfTen(exponent);
            ticks[i] = exact[i].doubleValue();
        }
        double maxAbs = Math.max(Math.abs(ticks[0]), Math.abs(ticks[n - 1]));
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = label(exact[i], exponent, maxAbs);
        }
        return new Scale(ticks[0], ticks[n - 1], ticks, labels, false);
    }

    /**
     * Log10 ticks covering [dataLo, dataHi] (both &gt; 0): the domain runs between whole decades; short ranges
     * (up to two decades) also get 2× and 5× ticks, long ranges label every k-th decade.
     */
    static Scale log(double dataLo, double dataHi) {
        double lo = Math.min(dataLo, dataHi);
        double hi = Math.max(dataLo, dataHi);
        if (!(lo > 0) || !Double.isFinite(hi)) {
            lo = 1;
            hi = 10;
        }
        int e0 = (int) Math.floor(Math.log10(lo) + 1e-9);
        int e1 = (int) Math.ceil(Math.log10(hi) - 1e-9);
        if (e1 == e0) {
            e1++;
        }
        int decades = e1 - e0;
        List<BigDecimal> values = new ArrayList<>();
        List<Integer> exponents = new ArrayList<>();
        int stride = Math.max(1, (int) Math.ceil(decades / 6.0));
        for (int e = e0; e <= e1; e += stride) {
            for (int m : decades <= 2 && e < e1 ? new int[] {1, 2, 5} : new int[] {1}) {
                values.add(BigDecimal.valueOf(m).scaleByPowerOfTen(e));
                exponents.add(e);
            }
        }
        int n = values.size();
        double[] ticks = new double[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            ticks[i] = values.get(i).doubleValue();
            int e = exponents.get(i);
            labels[i] = e >= -4 && e <= 6 ? plain(values.get(i)) : typographic(NumberText.scientific(ticks[i], 1));
        }
        return new Scale(Math.pow(10, e0), Math.pow(10, e1), ticks, labels, true);
    }

    private static String label(BigDecimal v, int stepExponent, double maxAbs) {
        if (v.signum() == 0) {
            return "0";
        }
        if (NumberText.needsScientific(maxAbs) || stepExponent < -5) {
            int magnitude = (int) Math.floor(Math.log10(Math.abs(v.doubleValue())) + 1e-9);
            return typographic(NumberText.scientific(v.doubleValue(), Math.max(1, magnitude - stepExponent + 1)));
        }
        return plain(v);
    }

    private static String plain(BigDecimal v) {
        return typographic(v.stripTrailingZeros().toPlainString());
    }

    /** Labels use the minus sign U+2212, which lines up with digits, rather than a hyphen. */
    private static String typographic(String s) {
        return s.replace('-', '−');
    }
}
