package org.equitrain.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LrScheduleTest {

    @Test
    void stepAndMultiStepDecayAtTheirBoundaries() {
        LrSchedule step = LrSchedule.step(0.1, 3, 0.5);
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025};
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], step.at(t), 1e-15);
        }
        LrSchedule multi = LrSchedule.multiStep(0.1, new int[] {22, 16}, 0.2);
        assertEquals(0.1, multi.at(15), 1e-15);
        assertEquals(0.02, multi.at(16), 1e-15);
        assertEquals(0.02, multi.at(21), 1e-15);
        assertEquals(0.004, multi.at(22), 1e-15);
        assertEquals(0.3, LrSchedule.constant(0.3).at(1000), 0.0);
    }

    @Test
    void cosineAnnealsFromTheBaseToTheMinimum() {
        LrSchedule cos = LrSchedule.cosine(1.0, 10, 0.1);
        assertEquals(1.0, cos.at(0), 1e-15);
        assertEquals(0.55, cos.at(5), 1e-15);
        assertEquals(0.1 + 0.45 * (1 + Math.cos(Math.PI * 0.3)), cos.at(3), 1e-15);
        assertEquals(0.1, cos.at(10), 1e-15);
        assertEquals(0.1, cos.at(25), 1e-15);
    }

    @Test
    void warmUpRampsLinearlyThenStartsTheInnerSchedule() {
        LrSchedule s = LrSchedule.cosine(1.0, 10, 0.0).withWarmup(3);
        assertEquals(0.25, s.at(0), 1e-15);
        assertEquals(0.5, s.at(1), 1e-15);
        assertEquals(0.75, s.at(2), 1e-15);
        assertEquals(1.0, s.at(3), 1e-15);
        assertEquals(0.5, s.at(8), 1e-15);
        assertEquals(0.0, s.at(13), 1e-15);
        assertEquals(0.2, LrSchedule.constant(0.2).withWarmup(0).at(0), 0.0);
    }

    @Test
    void factoriesRefuseRatesAndFactorsNoOptimizerAccepts() {
        for (double bad : new double[] {Double.NaN, -0.1, Double.POSITIVE_INFINITY}) {
            assertEquals("constant schedule: learning rate must be finite and ≥ 0, got " + bad,
                    assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant(bad)).getMessage());
            assertEquals("step schedule: learning rate must be finite and ≥ 0, got " + bad,
                    assertThrows(IllegalArgumentException.class, () -> LrSchedule.step(bad, 2, 0.5)).getMessage());
            assertEquals("step schedule: decay factor γ must be finite and ≥ 0, got " + bad,
                    assertThrows(IllegalArgumentException.class, () -> LrSchedule.step(0.1, 2, bad)).getMessage());
            assertEquals("multi-step schedule: decay factor γ must be finite and ≥ 0, got " + bad,
                    assertThrows(IllegalArgumentException.class,
                            () -> LrSchedule.multiStep(0.1, new int[] {3}, bad)).getMessage());
            assertEquals("multi-step schedule: learning rate must be finite and ≥ 0, got " + bad,
                    assertThrows(IllegalArgumentException.class,
                            () -> LrSchedule.multiStep(bad, new int[] {3}, 0.5)).getMessage());
            assertEquals("cosine schedule: learning rate must be finite and ≥ 0, got " + bad,
                    assertThrows(IllegalArgumentException.class, () -> LrSchedule.cosine(bad, 5, 0)).getMessage());
            assertEquals("cosine schedule: minimum learning rate must be finite and ≥ 0, got " + bad,
                    assertThrows(IllegalArgumentException.class, () -> LrSchedule.cosine(0.1, 5, bad)).getMessage());
        }
    }
}
