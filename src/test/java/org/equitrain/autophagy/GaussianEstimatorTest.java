package org.equitrain.autophagy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Closed-form Gaussian estimators and the Gaussian / mixture models they produce. */
class GaussianEstimatorTest {

    @Test
    void mleDividesByNAndUnbiasedByNMinusOne() {
        double[] x = {1, 2, 4, 7};
        // mean 3.5, S = 6.25 + 2.25 + 0.25 + 12.25 = 21
        GaussianModel mle = GaussianEstimator.mle().fit(x, 1, null);
        GaussianModel unbiased = GaussianEstimator.unbiased().fit(x, 1, null);
        assertArrayEquals(new double[] {3.5}, mle.mean());
        assertEquals(21.0 / 4, mle.covariance()[0], 1e-14);
        assertEquals(21.0 / 3, unbiased.covariance()[0], 1e-14);
    }

    @Test
    void multivariateScatterMatchesTheDefinition() {
        double[] x = {1, 0, 2, 1, 0, 3, 4, 1, 3, 5};
        GaussianModel fit = GaussianEstimator.unbiased().fit(x, 2, null);
        double[] m = {2, 2};
        double[] s = new double[4];
        for (int r = 0; r < 5; r++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    s[i * 2 + j] += (x[2 * r + i] - m[i]) * (x[2 * r + j] - m[j]) / 4;
                }
            }
        }
        assertArrayEquals(m, fit.mean(), 1e-14);
        assertArrayEquals(s, fit.covariance(), 1e-14);
    }

    @Test
    void mleVarianceIsBiasedByNMinusOneOverN() {
        // ple.md §1 and §9.2: E σ̂²_MLE = ((n−1)/n) σ²; the unbiased estimator satisfies AC
        SplittableRandom rng = new SplittableRandom(1);
        GaussianModel truth = GaussianModel.univariate(3, 4);
        int reps = 40_000;
        double mle = 0;
        double unbiased = 0;
        for (int r = 0; r < reps; r++) {
            double[] x = truth.sample(5, rng);
            mle += GaussianEstimator.mle().fit(x, 1, null).covariance()[0] / reps;
            unbiased += GaussianEstimator.unbiased().fit(x, 1, null).covariance()[0] / reps;
        }
        double se = 4 * Math.sqrt(2.0 / 4) / Math.sqrt(reps); // sd of s² is σ²·√(2/(n−1))
        assertEquals(4 * 0.8, mle, 4 * 0.8 * se);
        assertEquals(4, unbiased, 4 * se);
    }

    @Test
    void samplingBiasScalesTheStandardDeviation() {
        GaussianModel g = new GaussianModel(new double[] {1, -1}, new double[] {2, 0.6, 0.6, 1});
        int n = 200_000;
        double[] x = new double[2 * n];
        g.sample(n, 0.5, new SplittableRandom(4), x, 0);
        GaussianModel fit = GaussianEstimator.mle().fit(x, 2, null);
        assertArrayEquals(new double[] {1, -1}, fit.mean(), 0.01);
        assertArrayEquals(new double[] {0.5, 0.15, 0.15, 0.25}, fit.covariance(), 0.01);
        assertThrows(IllegalArgumentException.class, () -> g.sample(1, 1.5, new SplittableRandom(1), x, 0));
    }

    @Test
    void logDensityMatchesTheNormalFormula() {
        GaussianModel g = new GaussianModel(new double[] {1, 2}, new double[] {2, 0.5, 0.5, 1});
        double[] x = {0.3, 2.9};
        double det = 2 * 1 - 0.25;
        double dx = -0.7;
        double dy = 0.9;
        double quad = (1 * dx * dx - 2 * 0.5 * dx * dy + 2 * dy * dy) / det; // inverse of [[2,.5],[.5,1]]
        assertEquals(-0.5 * (quad + Math.log(det) + 2 * Math.log(2 * Math.PI)), g.logDensity(x, 0), 1e-13);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GaussianModel(new double[] {0, 0}, new double[] {1, 2, 2, 1}));
        assertTrue(e.getMessage().contains("positive definite"), e.getMessage());
    }

    @Test
    void mixtureMomentsFollowTheLawOfTotalCovariance() {
        GaussianMixtureModel mix = new GaussianMixtureModel(new double[] {0.8, 0.2},
                List.of(GaussianModel.univariate(0, 1), GaussianModel.univariate(2, 1)));
        assertEquals(0.4, mix.mean()[0], 1e-15);
        assertEquals(1 + 0.8 * 0.2 * 4, mix.covariance()[0], 1e-14);
        assertEquals(1, mix.minorityComponent());
        double[] x = mix.sample(200_000, new SplittableRandom(8));
        GaussianModel fit = GaussianEstimator.mle().fit(x, 1, null);
        assertEquals(0.4, fit.mean()[0], 0.01);
        assertEquals(1.64, fit.covariance()[0], 0.02);
        double p = 0.8 * Math.exp(-0.5 * 1.0) + 0.2 * Math.exp(-0.5);
        assertEquals(Math.log(p / Math.sqrt(2 * Math.PI)), mix.logDensity(new double[] {1}, 0), 1e-14);
    }
}
