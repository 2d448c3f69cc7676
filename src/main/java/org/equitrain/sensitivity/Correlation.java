package org.equitrain.sensitivity;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Agreement between estimated and true sensitivities (spec §5: "Pearson and Spearman of estimated vs true logit
 * shifts"), and the mean absolute error.
 */
public final class Correlation {
    private Correlation() {
    }

    /**
     * Pearson's r = Σ(a−ā)(b−b̄) / √(Σ(a−ā)² Σ(b−b̄)²), computed with centred sums; NaN when either input is
     * constant.
     */
    public static double pearson(double[] a, double[] b) {
        checkPaired(a, b);
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Spearman's ρ: Pearson's r of the ranks, tied values sharing their average rank. */
    public static double spearman(double[] a, double[] b) {
        checkPaired(a, b);
        return pearson(ranks(a), ranks(b));
    }

    /** mean_i |a_i − b_i|. */
    public static double meanAbsoluteError(double[] a, double[] b) {
        checkPaired(a, b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / a.length;
    }

    /** Ranks 1 … n in ascending order; each run of equal values gets the mean of the ranks it spans. */
    static double[] ranks(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                throw new IllegalArgumentException("correlation: value " + i + " is NaN");
            }
        }
        Integer[] order = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        double[] r = new double[x.length];
        int start = 0;
        while (start < x.length) {
            int end = start + 1;
            while (end < x.length && x[order[end]] == x[order[start]]) {
                end++;
            }
            double averageRank = 0.5 * (start + 1 + end); // mean of ranks start+1 … end
            for (int k = start; k < end; k++) {
                r[order[k]] = averageRank;
            }
            start = end;
        }
        return r;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static void checkPaired(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("correlation: needs two arrays of equal length >= 2, got "
                    + a.length + " and " + b.length);
        }
    }
}
