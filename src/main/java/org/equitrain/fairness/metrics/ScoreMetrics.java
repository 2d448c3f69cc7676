package org.equitrain.fairness.metrics;

import java.util.Arrays;

/** The score-based metrics of spec §2: log loss, AUC and expected calibration error. Undefined without scores. */
public final class ScoreMetrics {
    private ScoreMetrics() {
    }

    static final String NO_SCORES = "has no scores";

    /** Default ε clipping probabilities away from 0 in the log loss [choice]. */
    public static final double DEFAULT_EPSILON = 1e-15;
    /** Default number of equal-width score bins of the ECE [choice]. */
    public static final int DEFAULT_BINS = 10;

    /** Log loss with ε = 1e-15. */
    public static final Metric LOG_LOSS = logLoss(DEFAULT_EPSILON);
    /** Rank AUC of the favourable-label score. */
    public static final Metric AUC = ScoreMetrics::auc;
    /** ECE with 10 bins. */
    public static final Metric CALIBRATION_ERROR = calibrationError(DEFAULT_BINS);

    /**
     * Log loss −Σ w log max(s_y, ε) / Σ w. With a probability per class s_y is the true class's probability; with a
     * 1-D score it is s for a favourable row and 1 − s otherwise; 0 &lt; ε &lt; 1.
     */
    public static Metric logLoss(double epsilon) {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("log loss needs an epsilon in (0, 1), got " + epsilon);
        }
        return s -> {
            if (!s.hasScores()) {
                return MetricValue.undefined(NO_SCORES);
            }
            double loss = 0;
            double total = 0;
            for (int i = 0; i < s.size(); i++) {
                double w = s.weight(i);
                double p = s.hasProbabilities() ? s.probability(i, s.yTrue(i))
                        : s.positive(i) ? s.score(i) : 1 - s.score(i);
                loss -= w * Math.log(Math.max(p, epsilon));
                total += w;
            }
            return MetricValue.ratio(loss, total, RateMetrics.NO_ROWS);
        };
    }

    /**
     * ECE = Σ_b (n_b / n_g) |mean(y) − mean(s)| over {@code bins} equal-width bins of the favourable-label score
     * (a score of 1 falls in the last bin); y is the favourable indicator, means and n_b are weighted.
     */
    public static Metric calibrationError(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("calibration error needs at least one bin, got " + bins);
        }
        return s -> {
            if (!s.hasScores()) {
                return MetricValue.undefined(NO_SCORES);
            }
            double[] weight = new double[bins];
            double[] labels = new double[bins];
            double[] scores = new double[bins];
            double total = 0;
            for (int i = 0; i < s.size(); i++) {
                double w = s.weight(i);
                double p = s.score(i);
                int b = Math.min((int) (p * bins), bins - 1);
                weight[b] += w;
                scores[b] += w * p;
                labels[b] += s.positive(i) ? w : 0;
                total += w;
            }
            if (!(total > 0)) {
                return MetricValue.undefined(RateMetrics.NO_ROWS);
            }
            double ece = 0;
            for (int b = 0; b < bins; b++) {
                if (weight[b] > 0) {
                    // Σ_b (n_b/n_g) |ȳ_b − s̄_b| = Σ_b |Σ_b w y − Σ_b w s| / n_g
                    ece += Math.abs(labels[b] - scores[b]) / total;
                }
            }
            return MetricValue.of(ece);
        };
    }

    /**
     * AUC = P(s⁺ > s⁻) + ½ P(s⁺ = s⁻), the rank (Mann–Whitney) statistic over weighted pairs of a positive and a
     * negative row; ties share half. Undefined without both classes.
     */
    private static MetricValue auc(Slice s) {
        if (!s.hasScores()) {
            return MetricValue.undefined(NO_SCORES);
        }
        int n = s.size();
        int levels = s.scoreLevels();
        double[] posAt;
        double[] negAt;
        if (levels <= 4L * n) {
            // counting by the table's score ranks: O(n + levels), no sort
            posAt = new double[levels];
            negAt = new double[levels];
            for (int i = 0; i < n; i++) {
                (s.positive(i) ? posAt : negAt)[s.scoreRank(i)] += s.weight(i);
            }
        } else {
            // a small slice of a table with many distinct scores: sort (rank, row) pairs packed in a long
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = (long) s.scoreRank(i) << 32 | i;
            }
            Arrays.sort(keys);
            posAt = new double[n];
            negAt = new double[n];
            int level = -1;
            long previous = -1;
            for (long key : keys) {
                int i = (int) key;
                long rank = key >>> 32;
                if (rank != previous) {
                    level++;
                    previous = rank;
                }
                (s.positive(i) ? posAt : negAt)[level] += s.weight(i);
            }
        }
        double negBelow = 0;
        double sum = 0;
        double pos = 0;
        for (int r = 0; r < posAt.length; r++) {
            sum += posAt[r] * (negBelow + 0.5 * negAt[r]); // ties count one half
            negBelow += negAt[r];
            pos += posAt[r];
        }
        if (!(pos > 0)) {
            return MetricValue.undefined(RateMetrics.NO_POSITIVES);
        }
        if (!(negBelow > 0)) {
            return MetricValue.undefined(RateMetrics.NO_NEGATIVES);
        }
        return MetricValue.of(sum / (pos * negBelow));
    }
}
