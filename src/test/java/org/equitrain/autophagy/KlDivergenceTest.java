package org.equitrain.autophagy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ple.md §9.5: the KL estimator is 0 for identical models and equals the closed form for two Gaussians. */
class KlDivergenceTest {

    @Test
    void zeroForIdenticalModels() {
        GaussianModel g = new GaussianModel(new double[] {1, 2}, new double[] {2, 0.5, 0.5, 1});
        assertEquals(0, KlDivergence.gaussian(g, g), 1e-14);
        assertEquals(0, KlDivergence.monteCarlo(g, g, 1000, new SplittableRandom(1)), 0.0);
        GaussianMixtureModel mix = new GaussianMixtureModel(new double[] {0.8, 0.2},
                List.of(GaussianModel.univariate(0, 1), GaussianModel.univariate(2, 1)));
        assertEquals(0, KlDivergence.estimate(mix, mix, 1000, new SplittableRandom(1)), 0.0);
    }

    @Test
    void closedFormForUnivariateGaussians() {
        GaussianModel p = GaussianModel.univariate(0, 1);
        GaussianModel q = GaussianModel.univariate(1.5, 0.49);
        double expected = Math.log(0.7 / 1) + (1 + 1.5 * 1.5) / (2 * 0.49) - 0.5;
        assertEquals(expected, KlDivergence.gaussian(p, q), 1e-14);
        assertEquals(expected, KlDivergence.estimate(p, q, 10, new SplittableRandom(1)), 1e-14);
    }

    @Test
    void monteCarloAgreesWithTheClosedForm() {
        GaussianModel p = new GaussianModel(new double[] {0, 0}, new double[] {1, 0.4, 0.4, 2});
        GaussianModel q = new GaussianModel(new double[] {0.5, -1}, new double[] {1.5, -0.2, -0.2, 1});
        double exact = KlDivergence.gaussian(p, q);
        int n = KlDivergence.DEFAULT_SAMPLES;
        SplittableRandom rng = new SplittableRandom(6);
        double[] x = p.sample(n, rng);
        double mean = 0;
        double sq = 0;
        for (int s = 0; s < n; s++) {
            double v = p.logDensity(x, 2 * s) - q.logDensity(x, 2 * s);
            mean += v / n;
            sq += v * v / n;
        }
        double se = Math.sqrt((sq - mean * mean) / n);
        double mc = KlDivergence.monteCarlo(p, q, n, new SplittableRandom(9));
        assertEquals(exact, mc, 4 * se);
        assertTrue(se < 0.01 * exact, "the Monte-Carlo check is tight: se " + se + " vs KL " + exact);
    }
}
