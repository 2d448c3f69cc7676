package org.equitrain.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.equitrain.autophagy.GaussianEstimator;
import org.equitrain.autophagy.GaussianModel;
import org.equitrain.autophagy.LoopMetric;
import org.equitrain.autophagy.LoopResult;
import org.equitrain.autophagy.SelfConsumingLoop;
import org.equitrain.autophagy.ple.LoopEstimator;
import org.equitrain.autophagy.ple.PleOptions;
import org.junit.jupiter.api.Test;

/** LoopCurves' JSON and plots, and the learned Gaussian estimators' labels and keys. */
class LoopCurvesTest {

    @Test
    void jsonCurvesCarryTheSummariesOfEveryGeneration() {
        LoopResult r = SelfConsumingLoop.fullySynthetic(GaussianModel.univariate(0, 1), GaussianEstimator.mle(), 10)
                .withGenerations(4).withReplicates(50).withMetrics(List.of(LoopMetric.varianceRatio())).run();
        Map<String, Object> json = LoopCurves.json(r, "varianceRatio");
        double[] mean = (double[]) json.get("mean");
        double[] median = (double[]) json.get("median");
        assertEquals(4, mean.length);
        for (int t = 1; t <= 4; t++) {
            assertEquals(r.summary("varianceRatio", t).mean(), mean[t - 1]);
            assertEquals(r.summary("varianceRatio", t).median(), median[t - 1]);
        }
        String svg = LoopCurves.plot("v", Map.of("MLE", r), "varianceRatio", LoopCurves.Statistic.MEDIAN, true).svg();
        assertTrue(svg.contains("MLE"));
        assertTrue(svg.contains(">median variance ratio σ̂² / σ²</text>"), "the y axis names the metric for a reader");
        assertFalse(svg.contains("varianceRatio"), "not by its internal name");
    }

    @Test
    void metricsReadAsWords() {
        assertEquals("minority weight", LoopCurves.label("minorityWeight"));
        assertEquals("feature spread", LoopCurves.label("featureSpread"));
        assertEquals("KL(true ‖ model)", LoopCurves.label("kl"));
        assertEquals("test −ELBO", LoopCurves.label("testNegElbo"));
    }

    @Test
    void learnedEstimatorsAreLabelledByTheirWeight() {
        assertEquals("hyper (λ = 0)", GaussianPle.label(0));
        assertEquals("PLE λ = 0.1", GaussianPle.label(0.1));
        assertEquals("0p1", GaussianPle.key(0.1));
        assertEquals("10", GaussianPle.key(10));
        // a λ too large for a long is written as a double, not clamped to Long.MAX_VALUE (two λs, one key)
        assertEquals("PLE λ = 1.0E300", GaussianPle.label(1e300));
        assertEquals("1p0E300", GaussianPle.key(1e300));
        LoopEstimator est = GaussianPle.train(6, PleOptions.defaults(), new GaussianPle.Budget(5, 2), 1);
        assertEquals("PLE λ = 0.1", est.toString());
        double[] ratio = GaussianPle.varianceRatio(est, 6, 1, 50, 2);
        assertTrue(ratio[0] > 0 && ratio[1] > 0);
    }
}
