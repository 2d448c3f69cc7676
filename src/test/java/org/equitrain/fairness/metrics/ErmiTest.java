package org.equitrain.fairness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ERMI (spec §7; oracle 8). */
class ErmiTest {
    @Test
    void zeroWhenPredictionsAreIndependentOfTheGroup() {
        // a: 4 rows, half predicted 1; b: 6 rows, half predicted 1 → p(ŷ, s) = p(ŷ) p(s)
        FrameInput data = FrameInput.builder().yTrue(new int[] {1, 0, 1, 0, 1, 0, 0, 1, 1, 0})
                .yPred(new int[] {1, 1, 0, 0, 1, 1, 1, 0, 0, 0})
                .sensitive("g", new String[] {"a", "a", "a", "a", "b", "b", "b", "b", "b", "b"}).build();
        assertEquals(0.0, Ermi.of(data).value(), 1e-12);
    }

    @Test
    void positiveWhenDependentAndClosedFormWhenPredictionIsTheGroup() {
        FrameInput dependent = Tables.random(300, 3, 2, true).build();
        assertTrue(Ermi.of(dependent).value() > 0);
        // ŷ = s with K equally likely values: Σ_j p_jj² / (p_j p_j) − 1 = K · (1/K)² / (1/K)² − 1 = K − 1
        int k = 3;
        int[] yHat = new int[30];
        String[] s = new String[30];
        for (int i = 0; i < 30; i++) {
            yHat[i] = i % k;
            s[i] = "s" + (i % k);
        }
        FrameInput copy = FrameInput.builder().yTrue(yHat).yPred(yHat).sensitive("g", s).build();
        assertEquals(k - 1, Ermi.of(copy).value(), 1e-12);
    }

    @Test
    void conditionalFormsVanishWhenIndependentGivenTheLabel() {
        // within y = 1 both groups predict 1 with rate 1/2; within y = 0 both predict 1 with rate 0,
        // but the base rates differ (a: 2 of 4 positive, b: 2 of 6): ŷ depends on s, yet not given y
        FrameInput data = FrameInput.builder().yTrue(new int[] {1, 1, 0, 0, 1, 1, 0, 0, 0, 0})
                .yPred(new int[] {1, 0, 0, 0, 1, 0, 0, 0, 0, 0})
                .sensitive("g", new String[] {"a", "a", "a", "a", "b", "b", "b", "b", "b", "b"}).build();
        assertEquals(0.0, Ermi.equalizedOdds(data).value(), 1e-12);
        assertEquals(0.0, Ermi.equalOpportunity(data).value(), 1e-12);
        assertTrue(Ermi.of(data).value() > 0);
        FrameInput noPositives = FrameInput.builder().yTrue(new int[] {0, 0}).yPred(new int[] {1, 0})
                .sensitive("g", new String[] {"a", "b"}).build();
        assertFalse(Ermi.equalOpportunity(noPositives).isDefined());
        assertEquals("has no positive labels", Ermi.equalOpportunity(noPositives).reason());
    }
}
