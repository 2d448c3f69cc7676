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
        // log P(x) up to a constant, by P(x + 1) / P(x) = (row1 − x)(col1 − x) / ((x + 1)(row2 − col1 + x + 1));
        // a first pass finds the largest term and the observed one, a second sums (no array, any table size)
        double max = Double.NEGATIVE_INFINITY;
        double observed = 0;
        double logP = 0;
        for (long x = lo; x <= hi; x++) {
            max = Math.max(max, logP);
            if (x == a) {
                observed = logP;
            }
            logP += step(x, row1, row2, col1);
        }
        double total = 0;
        double tail = 0;
        logP = 0;
        for (long x = lo; x <= hi; x++) {
            double p = Math.exp(logP - max);
            total += p;
            if (logP <= observed + Math.log1p(RELATIVE_TOLERANCE)) {
                tail += p;
            }
            logP += step(x, row1, row2, col1);
        }
        return Math.min(1.0, tail / total);
    }

    private static double step(long x, long row1, long row2, long col1) {
        return Math.log((double) (row1 - x) * (col1 - x)) - Math.log((double) (x + 1) * (row2 - col1 + x + 1));
    }
}
