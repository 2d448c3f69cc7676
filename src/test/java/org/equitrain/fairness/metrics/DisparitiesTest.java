package org.equitrain.fairness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Named disparity metrics (spec §4; oracles 4, 5 and 9) and the Fisher test of a selection-rate difference. */
class DisparitiesTest {
    private static final double EPS = 1e-12;
    private static final Group A = Group.of("g", "a");
    private static final Group B = Group.of("g", "b");

    @Test
    void fairlearnAndAif360ValuesOnASmallTableComputedByHand() {
        // Oracle 9. Group a: SR 1/2, TPR 2/3, FPR 1/3; group b: SR 1/4, TPR 1/2, FPR 0 (MetricFrameTest.smallTable)
        Disparities d = Disparities.of(MetricFrameTest.smallTable());
        assertEquals(0.5 - 0.25, d.demographicParityDifference().value(), EPS);
        assertEquals(0.25 / 0.5, d.demographicParityRatio().value(), EPS);
        assertEquals(2.0 / 3 - 1.0 / 2, d.equalOpportunityDifference().value(), EPS);
        assertEquals((1.0 / 2) / (2.0 / 3), d.equalOpportunityRatio().value(), EPS);
        // equalized odds: TPR difference 1/6, FPR difference 1/3; TPR ratio 3/4, FPR ratio 0
        assertEquals(1.0 / 3, d.equalizedOddsDifference(OddsAgg.WORST_CASE).value(), EPS);
        assertEquals((1.0 / 6 + 1.0 / 3) / 2, d.equalizedOddsDifference(OddsAgg.MEAN).value(), EPS);
        assertEquals(0.0, d.equalizedOddsRatio(OddsAgg.WORST_CASE).value(), EPS);
        assertEquals((0.75 + 0) / 2, d.equalizedOddsRatio(OddsAgg.MEAN).value(), EPS);
        // AIF360, privileged a: unprivileged − privileged
        assertEquals(0.25 - 0.5, d.statisticalParityDifference(A).value(), EPS);
        assertEquals(0.25 / 0.5, d.disparateImpact(A).value(), EPS);
        assertEquals(1.0 / 2 - 2.0 / 3, d.signedEqualOpportunityDifference(A).value(), EPS);
        assertEquals(0.5 * ((0 - 1.0 / 3) + (1.0 / 2 - 2.0 / 3)), d.averageOddsDifference(A).value(), EPS);
        assertEquals(0.5 * (1.0 / 3 + 1.0 / 6), d.averageAbsOddsDifference(A).value(), EPS);
        // privileged b: SR_b = 1/4 is not zero, but b's FPR is; disparate impact = 0.5 / 0.25
        assertEquals(2.0, d.disparateImpact(B).value(), EPS);
        // to_overall, as in Fairlearn: SR overall 0.4
        Disparities toOverall = Disparities.of(MetricFrameTest.smallTable(),
                DisparityOptions.defaults().withMethod(AggregateMethod.TO_OVERALL));
        assertEquals(0.15, toOverall.demographicParityDifference().value(), EPS);
        assertEquals(0.625, toOverall.demographicParityRatio().value(), EPS);
    }

    @Test
    void ratioIsOneExactlyWhenDifferenceIsZeroAndWorstCaseBoundsMean() {
        // Oracle 4. Equal rates in both groups: SR 1/2, TPR 1/2, FPR 1/2
        FrameInput equal = Tables.fromConfusion(new Tables.Cell("a", 1, 1, 1, 1), new Tables.Cell("b", 2, 2, 2, 2))
                .build();
        Disparities same = Disparities.of(equal);
        assertEquals(0.0, same.demographicParityDifference().value(), EPS);
        assertEquals(1.0, same.demographicParityRatio().value(), EPS);
        assertEquals(0.0, same.equalizedOddsDifference(OddsAgg.WORST_CASE).value(), EPS);
        assertEquals(1.0, same.equalizedOddsRatio(OddsAgg.WORST_CASE).value(), EPS);
        for (long seed = 0; seed < 10; seed++) {
            FrameInput data = Tables.random(200, 2 + (int) (seed % 3), seed, seed % 2 == 0).build();
            Disparities d = Disparities.of(data);
            MetricFrame mf = MetricFrame.of(data, Map.of("tpr", RateMetrics.TRUE_POSITIVE_RATE));
            assertTrue(d.demographicParityDifference().value() > 0);
            assertTrue(d.demographicParityRatio().value() < 1);
            assertTrue(d.equalizedOddsDifference(OddsAgg.WORST_CASE).value()
                    >= d.equalizedOddsDifference(OddsAgg.MEAN).value());
            assertTrue(d.equalizedOddsRatio(OddsAgg.WORST_CASE).value()
                    <= d.equalizedOddsRatio(OddsAgg.MEAN).value());
            assertEquals(mf.difference("tpr").value(), d.equalOpportunityDifference().value(), EPS);
        }
    }

    @Test
    void twoGroupsSignedDifferencesMatchTheUnsignedOnes() {
        // Oracle 5
        for (long seed = 0; seed < 10; seed++) {
            FrameInput data = Tables.random(150, 2, seed, true).build();
            Disparities d = Disparities.of(data);
            Group privileged = data.groups().get((int) (seed % 2));
            Group unprivileged = data.groups().get(1 - (int) (seed % 2));
            MetricFrame mf = MetricFrame.of(data, Map.of("sr", RateMetrics.SELECTION_RATE));
            assertEquals(d.demographicParityDifference().value(),
                    Math.abs(d.statisticalParityDifference(privileged).value()), EPS);
            assertEquals(d.equalOpportunityDifference().value(),
                    Math.abs(d.signedEqualOpportunityDifference(privileged).value()), EPS);
            assertEquals(mf.value("sr", unprivileged) / mf.value("sr", privileged),
                    d.disparateImpact(privileged).value(), EPS);
        }
    }

    @Test
    void multiclassIsOneVsRestCombinedOverClasses() {
        // a predicts [0, 0, 1, 2], b predicts [0, 1, 1, 1]. Selection rates per class:
        //   class 0: a 1/2, b 1/4 (difference 1/4, ratio 1/2)
        //   class 1: a 1/4, b 3/4 (difference 1/2, ratio 1/3)
        //   class 2: a 1/4, b 0   (difference 1/4, ratio 0)
        int[] yPred = {0, 0, 1, 2, 0, 1, 1, 1};
        int[] yTrue = {0, 1, 1, 2, 0, 1, 2, 2};
        String[] g = {"a", "a", "a", "a", "b", "b", "b", "b"};
        FrameInput data = FrameInput.builder().yTrue(yTrue).yPred(yPred).sensitive("g", g).build();
        assertFalse(data.isBinary());
        Disparities worst = Disparities.of(data);
        assertEquals(0.5, worst.demographicParityDifference().value(), EPS);
        assertEquals(0.0, worst.demographicParityRatio().value(), EPS);
        Disparities mean = Disparities.of(data, DisparityOptions.defaults().withClassAgg(ClassAgg.MEAN));
        assertEquals((0.25 + 0.5 + 0.25) / 3, mean.demographicParityDifference().value(), EPS);
        assertEquals((0.5 + 1.0 / 3 + 0) / 3, mean.demographicParityRatio().value(), EPS);
        // equalized odds per class, max(TPR difference, FPR difference):
        //   class 0: TPR a 1/1, b 1/1; FPR a 1/3 (rows with y≠0 predicted 0: one of three), b 0/3 → 1/3
        //   class 1: TPR a 1/2, b 1/1; FPR a 0/2, b 2/3                                            → 2/3
        //   class 2: TPR a 1/1, b 0/2; FPR a 0/3, b 0/2                                            → 1
        assertEquals(1.0, worst.equalizedOddsDifference(OddsAgg.WORST_CASE).value(), EPS);
        assertEquals((1.0 / 3 + 2.0 / 3 + 1) / 3, mean.equalizedOddsDifference(OddsAgg.WORST_CASE).value(), EPS);
        // labels coded 1..3 instead of 0..2: class 0 never occurs and is left out, so nothing changes
        int[] shiftedTrue = java.util.Arrays.stream(yTrue).map(v -> v + 1).toArray();
        int[] shiftedPred = java.util.Arrays.stream(yPred).map(v -> v + 1).toArray();
        Disparities shifted = Disparities.of(FrameInput.builder().yTrue(shiftedTrue).yPred(shiftedPred)
                .sensitive("g", g).build(), DisparityOptions.defaults().withClassAgg(ClassAgg.MEAN));
        assertEquals(mean.demographicParityRatio().value(), shifted.demographicParityRatio().value(), EPS);
        assertEquals(mean.equalizedOddsDifference(OddsAgg.MEAN).value(),
                shifted.equalizedOddsDifference(OddsAgg.MEAN).value(), EPS);
    }

    @Test
    void undefinedDisparitiesSayWhichGroupAndClass() {
        // group b has no positive labels: TPR undefined there
        FrameInput data = Tables.fromConfusion(new Tables.Cell("a", 2, 1, 3, 1), new Tables.Cell("b", 0, 1, 3, 0),
                new Tables.Cell("c", 1, 0, 1, 1)).build();
        Aggregate eo = Disparities.of(data).equalOpportunityDifference();
        assertFalse(eo.isDefined());
        assertTrue(eo.reason().contains("group 'b' has no positive labels"), eo.reason());
        Aggregate eodds = Disparities.of(data).equalizedOddsDifference(OddsAgg.WORST_CASE);
        assertTrue(eodds.reason().startsWith("TPR: "), eodds.reason());
        Disparities skip = Disparities.of(data, DisparityOptions.defaults().withNanPolicy(NanPolicy.SKIP));
        assertEquals(2.0 / 3 - 1.0 / 2, skip.equalOpportunityDifference().value(), EPS);
        assertEquals(List.of(B), skip.equalOpportunityDifference().skipped());
        assertEquals("unprivileged rows (all but 'a') has no positive labels",
                Disparities.of(Tables.fromConfusion(new Tables.Cell("a", 1, 0, 1, 1),
                        new Tables.Cell("b", 0, 1, 1, 0)).build()).signedEqualOpportunityDifference(A).reason());
    }

    @Test
    void fisherExactTestOfTwoSelectionRates() {
        // Fisher's tea tasting table [[3, 1], [1, 3]]: two-sided p = (1 + 16 + 16 + 1) / 70
        assertEquals(34.0 / 70, FisherExact.twoSided(3, 1, 1, 3), 1e-12);
        // [[5, 0], [0, 5]]: only the two extreme tables are as unlikely: 2 / C(10, 5)
        assertEquals(2.0 / 252, FisherExact.twoSided(5, 0, 0, 5), 1e-12);
        assertEquals(1.0, FisherExact.twoSided(2, 2, 2, 2), 1e-12);
        // large tables work without overflow: [[5000, 5000], [4800, 5200]] is significant, a balanced one is not
        assertTrue(FisherExact.twoSided(5000, 5000, 4800, 5200) < 0.01);
        assertTrue(FisherExact.twoSided(5000, 5000, 5000, 5000) > 0.99);
        // selections: a selects 5 of 10, b selects 1 of 10 → table [[5, 5], [1, 9]]
        FrameInput data = Tables.fromConfusion(new Tables.Cell("a", 3, 2, 4, 1), new Tables.Cell("b", 1, 0, 5, 4))
                .build();
        double p = Disparities.of(data).selectionRateFisherP(A, B);
        assertEquals(FisherExact.twoSided(5, 5, 1, 9), p, 1e-15);
        // margins 10, 10 and 6: P(x) ∝ C(10, x) C(10, 6 − x) = 210, 2520, 9450, 14400, 9450, 2520, 210 for x = 0..6;
        // observed x = 5 (2520): tables as unlikely are x = 0, 1, 5, 6
        assertEquals((210 + 2520 + 2520 + 210) / 38760.0, p, 1e-12);
    }
}
