package org.equitrain.fairness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec §9 oracle 1: every base metric equals its closed form on a hand-built confusion table; weights = duplicates. */
class BaseMetricsTest {
    private static final double EPS = 1e-12;

    static Map<String, Metric> allMetrics() {
        Map<String, Metric> m = new LinkedHashMap<>();
        m.put("count", RateMetrics.COUNT);
        m.put("relative_size", RateMetrics.RELATIVE_SIZE);
        m.put("selection_rate", RateMetrics.SELECTION_RATE);
        m.put("tpr", RateMetrics.TRUE_POSITIVE_RATE);
        m.put("fnr", RateMetrics.FALSE_NEGATIVE_RATE);
        m.put("fpr", RateMetrics.FALSE_POSITIVE_RATE);
        m.put("tnr", RateMetrics.TRUE_NEGATIVE_RATE);
        m.put("precision", RateMetrics.PRECISION);
        m.put("fdr", RateMetrics.FALSE_DISCOVERY_RATE);
        m.put("npv", RateMetrics.NEGATIVE_PREDICTIVE_VALUE);
        m.put("for", RateMetrics.FALSE_OMISSION_RATE);
        m.put("accuracy", RateMetrics.ACCURACY);
        m.put("error_rate", RateMetrics.ERROR_RATE);
        m.put("base_rate", RateMetrics.BASE_RATE);
        m.put("log_loss", ScoreMetrics.LOG_LOSS);
        m.put("auc", ScoreMetrics.AUC);
        m.put("ece", ScoreMetrics.CALIBRATION_ERROR);
        return m;
    }

    @Test
    void rateMetricsEqualTheirClosedForms() {
        // group a: TP=3, FP=2, TN=4, FN=1 (n=10); group b: TP=1, FP=1, TN=5, FN=3 (n=10)
        FrameInput data = Tables.fromConfusion(new Tables.Cell("a", 3, 2, 4, 1), new Tables.Cell("b", 1, 1, 5, 3))
                .build();
        MetricFrame mf = MetricFrame.of(data, allMetrics());
        Group a = Group.of("g", "a");
        assertEquals(10, mf.value("count", a), EPS);
        assertEquals(10.0 / 20, mf.value("relative_size", a), EPS);
        assertEquals((3 + 2) / 10.0, mf.value("selection_rate", a), EPS);
        assertEquals(3 / 4.0, mf.value("tpr", a), EPS);
        assertEquals(1 / 4.0, mf.value("fnr", a), EPS);
        assertEquals(2 / 6.0, mf.value("fpr", a), EPS);
        assertEquals(4 / 6.0, mf.value("tnr", a), EPS);
        assertEquals(3 / 5.0, mf.value("precision", a), EPS);
        assertEquals(2 / 5.0, mf.value("fdr", a), EPS);
        assertEquals(4 / 5.0, mf.value("npv", a), EPS);
        assertEquals(1 / 5.0, mf.value("for", a), EPS);
        assertEquals((3 + 4) / 10.0, mf.value("accuracy", a), EPS);
        assertEquals(3 / 10.0, mf.value("error_rate", a), EPS);
        assertEquals((3 + 1) / 10.0, mf.value("base_rate", a), EPS);
        // overall pools the counts: TP=4, FP=3, TN=9, FN=4
        assertEquals(4 / 8.0, mf.overall("tpr"), EPS);
        assertEquals(3 / 12.0, mf.overall("fpr"), EPS);
        assertEquals(13 / 20.0, mf.overall("accuracy"), EPS);
        // no scores: the score metrics are undefined with a reason, not 0
        assertTrue(Double.isNaN(mf.value("auc", a)));
        assertEquals("group 'a' has no scores", mf.reason("auc", a));
    }

    @Test
    void logLossAucAndCalibrationErrorByHand() {
        int[] y = {1, 1, 0, 0, 0};
        double[] s = {0.9, 0.4, 0.4, 0.1, 0.5};
        FrameInput data = FrameInput.builder().yTrue(y).yPred(new int[] {1, 0, 0, 0, 1}).scores(s)
                .sensitive("g", new String[] {"a", "a", "a", "a", "a"}).build();
        MetricFrame mf = MetricFrame.of(data, allMetrics());
        // −mean log s_y: positives use s, negatives 1 − s
        double logLoss = -(Math.log(0.9) + Math.log(0.4) + Math.log(0.6) + Math.log(0.9) + Math.log(0.5)) / 5;
        assertEquals(logLoss, mf.overall("log_loss"), EPS);
        // pairs (pos, neg): 0.9 beats 0.4, 0.1, 0.5 → 3; 0.4 ties 0.4 (½), beats 0.1, loses to 0.5 → 1.5
        assertEquals(4.5 / 6, mf.overall("auc"), EPS);
        // bins of width 0.1: [0.1] → |0 − 0.1|; [0.4, 0.4] → |½ − 0.4|; [0.5] → |0 − 0.5|; [0.9] → |1 − 0.9|
        double ece = (1 * 0.1 + 2 * 0.1 + 1 * 0.5 + 1 * 0.1) / 5;
        assertEquals(ece, mf.overall("ece"), EPS);
        // two bins: [0, ½) holds 0.4, 0.4, 0.1 (one positive), [½, 1] holds 0.9, 0.5 (one positive)
        double eceTwoBins = 3 / 5.0 * Math.abs(1 / 3.0 - 0.9 / 3) + 2 / 5.0 * Math.abs(1 / 2.0 - 1.4 / 2);
        MetricFrame two = MetricFrame.of(data, Map.of("ece", ScoreMetrics.calibrationError(2)));
        assertEquals(eceTwoBins, two.overall("ece"), EPS);
    }

    @Test
    void logLossRefusesAnEpsilonOutsideZeroToOne() {
        for (double eps : new double[] {0, -1e-15, 1, Double.NaN}) {
            assertEquals("log loss needs an epsilon in (0, 1), got " + eps, assertThrows(
                    IllegalArgumentException.class, () -> ScoreMetrics.logLoss(eps)).getMessage());
        }
    }

    @Test
    void aucOfAGroupDoesNotDependOnTheRestOfTheTable() {
        // group "small" (6 rows) inside 400 rows with distinct scores takes the sorting path, alone the counting path
        FrameInput big = Tables.random(400, 2, 13, true).build();
        double[] s = {0.31, 0.72, 0.72, 0.05, 0.9, 0.5};
        int[] y = {0, 1, 0, 0, 1, 1};
        double[] w = {1, 2, 0.5, 1, 1, 3};
        int n = big.size() + s.length;
        int[] yy = new int[n];
        double[] ss = new double[n];
        double[] ww = new double[n];
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            boolean small = i >= big.size();
            int j = i - big.size();
            yy[i] = small ? y[j] : big.yTrue(i);
            ss[i] = small ? s[j] : big.favourableScore(i);
            ww[i] = small ? w[j] : big.weight(i);
            g[i] = small ? "small" : "big";
        }
        Map<String, Metric> auc = Map.of("auc", ScoreMetrics.AUC);
        double inside = MetricFrame.of(FrameInput.builder().yTrue(yy).yPred(yy).scores(ss).weights(ww)
                .sensitive("g", g).build(), auc).value("auc", Group.of("g", "small"));
        double alone = MetricFrame.of(FrameInput.builder().yTrue(y).yPred(y).scores(s).weights(w)
                .sensitive("g", new String[] {"a", "a", "a", "a", "a", "a"}).build(), auc).overall("auc");
        // weighted pairs: positives 0.72 (2), 0.9 (1), 0.5 (3); negatives 0.31 (1), 0.72 (0.5), 0.05 (1)
        double pairs = 2 * (1 + 0.5 * 0.5 + 1) + 1 * (1 + 0.5 + 1) + 3 * (1 + 1);
        assertEquals(pairs / (6 * 2.5), alone, EPS);
        assertEquals(alone, inside, EPS);
    }

    @Test
    void multiclassLogLossUsesTheTrueClassProbability() {
        int[] y = {0, 1, 2};
        double[][] p = {{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.3, 0.3, 0.4}};
        FrameInput.Builder builder = FrameInput.builder().yTrue(y).yPred(new int[] {0, 1, 2}).probabilities(p)
                .sensitive("g", new String[] {"a", "a", "b"});
        p[2][2] = 0.9; // the builder copied p: this changes nothing
        FrameInput data = builder.build();
        Map<String, Metric> m = Map.of("log_loss", ScoreMetrics.LOG_LOSS);
        MetricFrame mf = MetricFrame.of(data, m);
        assertEquals(-(Math.log(0.7) + Math.log(0.8) + Math.log(0.4)) / 3, mf.overall("log_loss"), EPS);
        assertEquals(-Math.log(0.4), mf.value("log_loss", Group.of("g", "b")), EPS);
        // a probability of 0 is clipped to ε, never −∞
        FrameInput zero = FrameInput.builder().yTrue(new int[] {1}).yPred(new int[] {0}).scores(new double[] {0})
                .sensitive("g", new String[] {"a"}).build();
        assertEquals(-Math.log(ScoreMetrics.DEFAULT_EPSILON), MetricFrame.of(zero, m).overall("log_loss"), EPS);
    }

    @Test
    void integerWeightsEqualDuplicatedRows() {
        FrameInput base = Tables.random(60, 3, 7, false).build();
        int n = base.size();
        double[] w = new double[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 1 + i % 3;
            total += (int) w[i];
        }
        int[] rows = new int[total];
        int o = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < w[i]; c++) {
                rows[o++] = i;
            }
        }
        FrameInput duplicated = base.subset(rows);
        FrameInput weighted = Tables.random(60, 3, 7, false).weights(w).build(); // same seed, same rows
        MetricFrame a = MetricFrame.of(weighted, allMetrics());
        MetricFrame b = MetricFrame.of(duplicated, allMetrics());
        assertEquals(b.groups(), a.groups());
        for (String m : allMetrics().keySet()) {
            assertEquals(b.overall(m), a.overall(m), 1e-12, m);
            for (Group g : a.groups()) {
                assertFalse(Double.isNaN(a.value(m, g)), m);
                assertEquals(b.value(m, g), a.value(m, g), 1e-12, m + " " + g);
            }
        }
    }
}
