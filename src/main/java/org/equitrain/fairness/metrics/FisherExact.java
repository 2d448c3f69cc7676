package org.equitrain.fairness.metrics;

/** Fisher's exact test of a 2×2 table (H2O-3 tests a selection-rate difference this way, spec §6). */
public final class FisherExact {
    private FisherExact() {
    }

    /** Relative tolerance for "as likely as the observed table", as in R's {@code fisher.test}. */
    private static final double RELATIVE_TOLERANCE = 1e-7;

    /**
     * Two-sided p-value of the table {@code [[a, b], [c, d]]}: the total hypergeometric probability (margins fixed) of
     * the tables no more likely than the observed one. Exact for any size: the probabilities follow from a
     * recurrence in O(min(a + b, a + c)) steps.
     */
    public static double twoSided(long a, long b, long c, long d) {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException("a 2x2 table needs non-negative counts, got [[" + a + ", " + b + "], ["
                    + c + ", " + d + "]]");
        }
        long row1 = a + b;
        long row2 = c + d;
        long col1 = a + c;
        long lo = Math.max(0, col1 - row2);
        long hi = Math.min(row1, col1);
        int size = Math.toIntExact(hi - lo + 1);
        double[] logP = new double[size];
        // P(x + 1) / P(x) = (row1 − x)(col1 − x) / ((x + 1)(row2 − col1 + x + 1)) for the hypergeometric x = a
        for (int i = 1; i < size; i++) {
            long x = lo + i - 1;
            logP[i] = logP[i - 1] + Math.log((double) (row1 - x) * (col1 - x))
                    - Math.log((double) (x + 1) * (row2 - col1 + x + 1));
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logP) {
            max = Math.max(max, v);
        }
        double observed = logP[(int) (a - lo)];
        double total = 0;
        double tail = 0;
        for (double v : logP) {
            double p = Math.exp(v - max);
            total += p;
            if (v <= observed + Math.log1p(RELATIVE_TOLERANCE)) {
                tail += p;
            }
        }
        return Math.min(1.0, tail / total);
    }
}
