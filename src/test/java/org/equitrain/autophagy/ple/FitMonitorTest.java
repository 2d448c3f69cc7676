package org.equitrain.autophagy.ple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FitMonitor: block means of the NLL against the best block so far. */
class FitMonitorTest {
    @Test
    void aNoisyButSteadyFitNeverStops() {
        FitMonitor monitor = new FitMonitor(2000); // blocks of 50 steps
        SplittableRandom rng = new SplittableRandom(3);
        for (int step = 1; step <= 2000; step++) {
            monitor.add(step, 1.4 + 3 * rng.nextGaussian() + (step < 100 ? 40 : 0)); // a poor start is no rise
        }
    }

    @Test
    void aRiseOfMoreThanTenNatsStopsAtTheBlockThatShowsIt() {
        FitMonitor monitor = new FitMonitor(100); // blocks of 5 steps
        for (int step = 1; step <= 10; step++) {
            monitor.add(step, step <= 5 ? 2 : 1.5);
        }
        for (int step = 11; step <= 14; step++) {
            monitor.add(step, 100);
        }
        EstimatesDivergedException e = assertThrows(EstimatesDivergedException.class, () -> monitor.add(15, 100));
        assertEquals(15, e.step());
        assertEquals("PLE training diverged at step 15: the estimates no longer fit the sets they are estimated from "
                + "(mean NLL per sample 100.0 over steps 11-15, against 1.500 over steps 6-10)", e.getMessage());
    }

    @Test
    void aLargeNllMayVaryInProportionToItsSize() {
        FitMonitor monitor = new FitMonitor(20); // blocks of 1 step: the threshold is max(10, |best|)
        monitor.add(1, 200);
        monitor.add(2, 390);
        assertThrows(EstimatesDivergedException.class, () -> monitor.add(3, 401));
    }
}
