package org.equitrain.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.equitrain.report.Estimate;
import org.junit.jupiter.api.Test;

/**
 * ple-bias's texts: where PLE's interval lies relative to the unbiased ratio 1 and to the MLE's (n−1)/n is read from
 * the interval; the index page's summary lists the set sizes.
 */
class PleBiasExperimentTest {
    @Test
    void theFindingsPlacePlesIntervalAgainstOneAndTheMle() {
        // a quick run's n = 5: below 1 but not clear of the MLE either
        assertEquals("n = 5: 0.868 [0.799, 0.938] lies below 1, covers the MLE's (n−1)/n = 0.800",
                PleBiasExperiment.coverage(5, new Estimate(0.868, 0.799, 0.938)));
        assertEquals("n = 5: 0.880 [0.850, 0.910] lies below 1, lies above the MLE's (n−1)/n = 0.800",
                PleBiasExperiment.coverage(5, new Estimate(0.88, 0.85, 0.91)));
        assertEquals("n = 10: 0.970 [0.930, 1.010] covers 1, lies above the MLE's (n−1)/n = 0.900",
                PleBiasExperiment.coverage(10, new Estimate(0.97, 0.93, 1.01)));
        assertEquals("n = 50: 1.040 [1.020, 1.060] lies above 1, lies above the MLE's (n−1)/n = 0.980",
                PleBiasExperiment.coverage(50, new Estimate(1.04, 1.02, 1.06)));
        assertEquals("n = 10: 0.850 [0.820, 0.880] lies below 1, lies below the MLE's (n−1)/n = 0.900",
                PleBiasExperiment.coverage(10, new Estimate(0.85, 0.82, 0.88)));
        assertEquals("n = 5: 0.900 [0.800, 1.000] covers 1, covers the MLE's (n−1)/n = 0.800",
                PleBiasExperiment.coverage(5, new Estimate(0.9, 0.8, 1.0)), "an interval ending at a value covers it");
    }

    @Test
    void theSummaryListsTheSetSizesWithNothingAfterTheLast() {
        assertEquals("n=5: MLE 0.8000, hyper 0.8100, PLE(0.1) 0.9000; n=10: MLE 0.9000, hyper 0.9050, PLE(0.1) "
                + "0.9500", PleBiasExperiment.summary(new int[] {5, 10}, new double[] {0.81, 0.905},
                new double[] {0.9, 0.95}));
    }

    @Test
    void theRatioPlotShowsEachEstimatorWithItsIntervalAndTheReferences() {
        Estimate[][] ratios = {
            {new Estimate(0.8, 0.79, 0.81), new Estimate(0.9, 0.89, 0.91), new Estimate(0.98, 0.97, 0.99)},
            {new Estimate(1, 0.99, 1.01), new Estimate(1, 0.99, 1.01), new Estimate(1, 0.99, 1.01)},
            {new Estimate(0.87, 0.8, 0.94), new Estimate(0.95, 0.9, 1.0), new Estimate(1.0, 0.98, 1.02)}};
        String svg = PleBiasExperiment.ratioPlot(0.25, new int[] {5, 10, 50},
                new String[] {"MLE", "unbiased", "PLE λ = 0.1"}, ratios).svg();
        assertTrue(svg.contains("<title>E[σ̂²]/σ² against n at σ² = 0.25</title>"), "titled");
        for (String text : List.of(">set size n<", ">E[σ̂²]/σ²<", ">MLE<", ">unbiased<", ">PLE λ = 0.1<",
                ">1: unbiased<", ">(n−1)/n: MLE expectation<")) {
            assertTrue(svg.contains(text), "labelled " + text);
        }
        assertEquals(3, count(svg, "<polygon "), "an interval band per estimator");
        assertEquals(2, count(svg, "stroke-dasharray"), "two dashed reference lines");
    }

    private static int count(String s, String part) {
        return s.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
