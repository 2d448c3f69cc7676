package org.equitrain.autophagy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** EM for Gaussian mixtures on the torchhyper GMM configuration (ple.md §6: 0.8/0.2, means 0 and 2). */
class GaussianMixtureEmTest {
    private static final GaussianMixtureModel GMM = new GaussianMixtureModel(new double[] {0.8, 0.2},
            List.of(GaussianModel.univariate(0, 1), GaussianModel.univariate(2, 1)));

    @Test
    void recoversTheTorchhyperMixtureFromThirtyThousandSamples() {
        double[] x = GMM.sample(30_000, new SplittableRandom(12));
        GaussianMixtureModel fit = GaussianMixtureEm.of(2).fit(x, 1, new SplittableRandom(0));
        int minority = fit.nearestComponent(new double[] {2});
        int majority = 1 - minority;
        assertEquals(0.2, fit.weight(minority), 0.04);
        assertEquals(2, fit.component(minority).mean()[0], 0.15);
        assertEquals(0, fit.component(majority).mean()[0], 0.1);
        assertEquals(1, fit.component(majority).covariance()[0], 0.1);
        // EM increases the likelihood over the truth's value on the same data (it is the MLE)
        assertTrue(meanLogLik(fit, x) >= meanLogLik(GMM, x));
        assertTrue(KlDivergence.monteCarlo(GMM, fit, 50_000, new SplittableRandom(1)) < 0.005);
    }

    @Test
    void separatesWellSeparatedClustersInTwoDimensions() {
        GaussianMixtureModel truth = new GaussianMixtureModel(new double[] {0.3, 0.7}, List.of(
                new GaussianModel(new double[] {-4, 0}, new double[] {1, 0.3, 0.3, 0.5}),
                new GaussianModel(new double[] {4, 1}, new double[] {0.5, 0, 0, 2})));
        double[] x = truth.sample(20_000, new SplittableRandom(2));
        GaussianMixtureModel fit = GaussianMixtureEm.of(2).fit(x, 2, new SplittableRandom(5));
        int a = fit.nearestComponent(new double[] {-4, 0});
        assertEquals(0.3, fit.weight(a), 0.02);
        assertArrayEquals(new double[] {1, 0.3, 0.3, 0.5}, fit.component(a).covariance(), 0.06);
        assertArrayEquals(new double[] {0.5, 0, 0, 2}, fit.component(1 - a).covariance(), 0.06);
    }

    @Test
    void accelerationReachesThePlainEmOptimum() {
        double[] x = GMM.sample(400, new SplittableRandom(21));
        GaussianMixtureModel fast = GaussianMixtureEm.of(2).withTolerance(1e-13).fit(x, 1, new SplittableRandom(2));
        GaussianMixtureModel plain = GaussianMixtureEm.of(2).withAcceleration(false).withTolerance(1e-14)
                .withMaxIterations(100_000).fit(x, 1, new SplittableRandom(2));
        int k = plain.nearestComponent(fast.component(0).mean());
        assertEquals(plain.weight(k), fast.weight(0), 1e-4);
        assertEquals(plain.component(k).mean()[0], fast.component(0).mean()[0], 1e-4);
        assertEquals(plain.component(k).covariance()[0], fast.component(0).covariance()[0], 1e-4);
        assertEquals(meanLogLik(plain, x), meanLogLik(fast, x), 1e-10);
    }

    @Test
    void isDeterministicGivenTheSeed() {
        double[] x = GMM.sample(500, new SplittableRandom(3));
        GaussianMixtureModel a = GaussianMixtureEm.of(2).fit(x, 1, new SplittableRandom(7));
        GaussianMixtureModel b = GaussianMixtureEm.of(2).fit(x, 1, new SplittableRandom(7));
        assertEquals(a.toString(), b.toString());
    }

    @Test
    void oneComponentIsTheGaussianMle() {
        double[] x = GMM.sample(1_000, new SplittableRandom(4));
        GaussianMixtureModel fit = GaussianMixtureEm.of(1).withRegularization(0).fit(x, 1, new SplittableRandom(1));
        GaussianModel mle = GaussianEstimator.mle().fit(x, 1, null);
        assertEquals(mle.mean()[0], fit.component(0).mean()[0], 1e-12);
        assertEquals(mle.covariance()[0], fit.component(0).covariance()[0], 1e-12);
    }

    @Test
    void tooFewSamplesAreReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureEm.of(3).fit(new double[] {1, 2}, 1, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
    }

    private static double meanLogLik(GenerativeModel m, double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += m.logDensity(x, i);
        }
        return s / x.length;
    }
}
