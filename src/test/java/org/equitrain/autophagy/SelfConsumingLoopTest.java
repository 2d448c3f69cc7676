package org.equitrain.autophagy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.equitrain.data.Quantiles;
import org.junit.jupiter.api.Test;

/** The Gaussian self-consuming loop against ple.md §1 and §8 (20,000 replicates, as the reference). */
class SelfConsumingLoopTest {
    private static final GaussianModel STANDARD = GaussianModel.univariate(0, 1);
    private static final int[] TABLE_GENERATIONS = {1, 5, 10, 20, 50};
    /** The reference table's replicate count. */
    private static final int REPLICATES = 20_000;
    /** Fewer replicates at n = 100 keep the test near a second; the tolerances account for the count. */
    private static final int HUNDRED_REPLICATES = 3_000;

    /**
     * ple.md §1: with n = 10, σ̂²_t = σ²_0 Π_{s≤t} χ²_{9,s}/10, so E σ̂²_t = 0.9^t σ²_0, and log σ̂²_t is a random
     * walk with E log σ̂²_t = t (ψ(4.5) + log 0.2) and Var log σ̂²_t = t ψ'(4.5). The log's law is checked at every
     * generation. The mean is checked while its tails are light: the log's spread grows as 0.5√t, so by
     * generation 30 the mean of 20,000 draws is ruled by a few and neither it nor its standard error can be trusted.
     */
    @Test
    void mleVarianceDecaysGeometrically() {
        LoopResult res = loop(GaussianEstimator.mle(), 50).run();
        // ψ(9/2) = −γ − 2 log 2 + 2 (1 + 1/3 + 1/5 + 1/7);  ψ'(9/2) = π²/2 − 4 (1 + 1/9 + 1/25 + 1/49)
        double drift = -0.5772156649015329 - 2 * Math.log(2) + 2 * (1 + 1.0 / 3 + 1.0 / 5 + 1.0 / 7) + Math.log(0.2);
        double stepVariance = Math.PI * Math.PI / 2 - 4 * (1 + 1.0 / 9 + 1.0 / 25 + 1.0 / 49);
        for (int t = 1; t <= 50; t++) {
            double[] v = res.values("varianceRatio", t);
            double meanLog = Arrays.stream(v).map(Math::log).average().orElseThrow();
            assertEquals(t * drift, meanLog, 4 * Math.sqrt(t * stepVariance / v.length), "log at generation " + t);
        }
        for (int t = 1; t <= 10; t++) {
            GenerationSummary s = res.summary("varianceRatio", t);
            assertEquals(Math.pow(0.9, t), s.mean(), 4 * s.standardError(), "mean at generation " + t);
        }
    }

    @Test
    void matchesTheReferenceTableForNEqualsTen() {
        // ple.md §8, n = 10, fully synthetic, 20,000 replicates: mean and median σ̂² at generations 1/5/10/20/50
        double[][] mleTable = {{0.903, 0.593, 0.341, 0.126, 0.004}, {0.840, 0.351, 0.114, 0.013, 0.000}};
        double[][] unbiasedTable = {{0.997, 1.012, 1.040, 1.099, 1.018}, {0.925, 0.593, 0.331, 0.104, 0.003}};
        checkTable(loop(GaussianEstimator.mle(), 50).run(), mleTable);
        LoopResult unbiased = loop(GaussianEstimator.unbiased(), 50).run();
        checkTable(unbiased, unbiasedTable);
        // the unbiased estimator is a martingale: its mean stays 1 within Monte-Carlo error (ple.md §1, §8)
        for (int t : TABLE_GENERATIONS) {
            GenerationSummary s = unbiased.summary("varianceRatio", t);
            assertEquals(1.0, s.mean(), 4 * s.standardError(), "unbiased mean at generation " + t);
        }
    }

    @Test
    void matchesTheReferenceTableForNEqualsHundred() {
        // ple.md §8, n = 100, fully synthetic: mean and median σ̂² at generations 1/5/10/20/50
        double[][] mleTable = {{0.991, 0.953, 0.907, 0.816, 0.611}, {0.984, 0.910, 0.824, 0.676, 0.370}};
        double[][] unbiasedTable = {{0.999, 1.000, 1.001, 1.011, 1.016}, {0.994, 0.953, 0.901, 0.827, 0.619}};
        LoopResult mle = loop(GaussianEstimator.mle(), 100, 50, HUNDRED_REPLICATES).run();
        checkTable(mle, mleTable);
        LoopResult unbiased = loop(GaussianEstimator.unbiased(), 100, 50, HUNDRED_REPLICATES).run();
        checkTable(unbiased, unbiasedTable);
        for (int t : TABLE_GENERATIONS) {
            // ple.md §1: E σ̂²_t = ((n−1)/n)^t for the MLE, 1 for the unbiased estimator (a martingale)
            GenerationSummary s = mle.summary("varianceRatio", t);
            assertEquals(Math.pow(0.99, t), s.mean(), 4 * s.standardError(), "MLE mean at generation " + t);
            GenerationSummary u = unbiased.summary("varianceRatio", t);
            assertEquals(1.0, u.mean(), 4 * u.standardError(), "unbiased mean at generation " + t);
        }
    }

    @Test
    void mleVarianceFactorAfterTenGenerationsAtThousandSamples() {
        // ple.md §8: the MLE variance factor after 10 generations is 0.999^10 ≈ 0.990 at n = 1000 (0.349 at n = 10)
        GenerationSummary s = loop(GaussianEstimator.mle(), 1000, 10, 8_000).run().summary("varianceRatio", 10);
        assertEquals(Math.pow(0.999, 10), s.mean(), 4 * s.standardError());
        // the check can tell the MLE from an unbiased estimator (factor 1): 1 − 0.990 is over 4 standard errors
        assertTrue(1 - Math.pow(0.999, 10) > 4 * s.standardError(), "standard error " + s.standardError());
    }

    /**
     * Means: ours (R replicates) and the table's (20,000 replicates) are independent estimates, so their
     * difference has standard error SE·√(1 + R/20,000) (plus the table's rounding). Medians: the table's value must
     * fall between our order statistics at ranks R/2 ± 4·(√R/2)·√(1 + R/20,000) (a 4-sigma distribution-free band
     * for a difference of two medians: the table's median spreads over √R/2·√(R/20,000) of our ranks). Late means
     * are heavy-tailed (SE 0.24 for the unbiased mean at generation 50 with n = 10), so the tight checks are the
     * analytic ones in {@link #mleVarianceDecaysGeometrically}.
     */
    private static void checkTable(LoopResult res, double[][] table) {
        int replicates = res.values("varianceRatio", 1).length;
        double both = Math.sqrt(1 + (double) replicates / REPLICATES);
        int halfWidth = (int) Math.ceil(4 * both * Math.sqrt(replicates) / 2);
        for (int i = 0; i < TABLE_GENERATIONS.length; i++) {
            int t = TABLE_GENERATIONS[i];
            GenerationSummary s = res.summary("varianceRatio", t);
            double tolerance = 4 * both * s.standardError() + 5e-4;
            assertEquals(table[0][i], s.mean(), tolerance, "mean at generation " + t);
            double[] sorted = res.values("varianceRatio", t);
            Arrays.sort(sorted);
            double lo = sorted[replicates / 2 - halfWidth] - 5e-4;
            double hi = sorted[replicates / 2 + halfWidth] + 5e-4;
            assertTrue(lo <= table[1][i] && table[1][i] <= hi,
                    "median at generation " + t + ": table " + table[1][i] + " outside [" + lo + ", " + hi + "]");
            assertEquals(Quantiles.ofSorted(sorted, 0.5), s.median(), 0.0);
        }
    }

    @Test
    void freshDataSettlesNearTheReferenceLevels() {
        // ple.md §8: 10 synthetic + 10 fresh real per generation: MLE ≈ 0.93, unbiased ≈ 1.03
        assertEquals(0.93, settledLevel(GaussianEstimator.mle()), 0.01);
        assertEquals(1.03, settledLevel(GaussianEstimator.unbiased()), 0.01);
    }

    private static double settledLevel(Estimator<?> estimator) {
        LoopResult res = SelfConsumingLoop.freshData(STANDARD, estimator, 10, 10, 10).withGenerations(40)
                .withReplicates(5_000).withSeed(3).run();
        double level = 0;
        for (int t = 21; t <= 40; t++) {
            level += res.summary("varianceRatio", t).mean() / 20;
        }
        return level;
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        SelfConsumingLoop base = SelfConsumingLoop.fullySynthetic(STANDARD, GaussianEstimator.mle(), 10)
                .withGenerations(8).withReplicates(64).withSeed(42);
        LoopResult one = base.withThreads(1).run();
        AtomicInteger finished = new AtomicInteger();
        LoopResult four = base.withThreads(4).run(finished::incrementAndGet);
        assertEquals(64, finished.get(), "one call per replicate, from any worker");
        for (String m : one.metricNames()) {
            for (int t = 1; t <= 8; t++) {
                assertArrayEquals(one.values(m, t), four.values(m, t), m + " at generation " + t);
            }
        }
        LoopResult otherSeed = base.withSeed(43).withThreads(2).run();
        assertTrue(one.values("varianceRatio", 3)[5] != otherSeed.values("varianceRatio", 3)[5]);
    }

    @Test
    void realDataSlowsCollapseAndSamplingBiasSpeedsItUp() {
        int t = 15;
        double fully = median(SelfConsumingLoop.fullySynthetic(STANDARD, GaussianEstimator.mle(), 20), t);
        double augmented = median(SelfConsumingLoop.syntheticAugmentation(STANDARD, GaussianEstimator.mle(), 20,
                20), t);
        double accumulated = median(SelfConsumingLoop.fullySynthetic(STANDARD, GaussianEstimator.mle(), 20)
                .withSyntheticSource(SelfConsumingLoop.SyntheticSource.ALL_PREVIOUS_GENERATIONS), t);
        double biased = median(SelfConsumingLoop.fullySynthetic(STANDARD, GaussianEstimator.mle(), 20)
                .withSamplingBias(0.9), t);
        // MAD findings (ple.md §7): a fixed real set and earlier generations delay collapse; λ_s < 1 speeds it up
        assertTrue(fully < 0.6 && augmented > fully + 0.2 && accumulated > fully + 0.1,
                fully + " " + augmented + " " + accumulated);
        assertTrue(biased < 0.1 * fully, "with lambda_s = 0.9 variance shrinks by 0.81 per generation: " + biased);
    }

    private static double median(SelfConsumingLoop loop, int generation) {
        return loop.withGenerations(generation).withReplicates(500).withSeed(9).run()
                .summary("varianceRatio", generation).median();
    }

    @Test
    void klAndMeanShiftStartSmallAndGrowAsTheLoopDrifts() {
        LoopResult res = loop(GaussianEstimator.mle(), 30).withReplicates(2_000).run();
        assertTrue(res.summary("kl", 30).median() > 10 * res.summary("kl", 1).median());
        assertTrue(res.summary("meanShift", 30).mean() > 2 * res.summary("meanShift", 1).mean());
        GenerationSummary first = res.summary("kl", 1);
        assertTrue(first.lower() < first.median() && first.median() < first.upper());
    }

    @Test
    void mixtureLoopTracksTheMinorityComponent() {
        GaussianMixtureModel truth = new GaussianMixtureModel(new double[] {0.8, 0.2},
                List.of(GaussianModel.univariate(0, 1), GaussianModel.univariate(5, 1)));
        LoopResult res = SelfConsumingLoop.fullySynthetic(truth, GaussianMixtureEm.of(2), 200).withGenerations(8)
                .withReplicates(30).withSeed(5).withMetrics(List.of(LoopMetric.kl(5_000),
                        LoopMetric.minorityWeight(), LoopMetric.minorityVariance(),
                        LoopMetric.minorityLogLikelihood(5_000)))
                .run();
        GenerationSummary w1 = res.summary("minorityWeight", 1);
        assertEquals(0.2, w1.mean(), 4 * w1.standardError());
        assertEquals(1.0, res.summary("minorityVariance", 1).mean(), 0.15);
        // the MC KL is positive and grows as the loop drifts; the minority's likelihood under the model falls
        assertTrue(res.summary("kl", 1).lower() > 0);
        assertTrue(res.summary("kl", 8).median() > 2 * res.summary("kl", 1).median());
        assertTrue(res.summary("minorityLogLikelihood", 8).median()
                < res.summary("minorityLogLikelihood", 1).median());
        // the metric at the truth is ∫ N(x; 5, 1) log p(x) dx (midpoint quadrature); generation 1 is close to it
        double own = 0;
        double[] x = new double[1];
        for (x[0] = -5 + 5e-4; x[0] < 15; x[0] += 1e-3) {
            own += 1e-3 * Math.exp(GaussianModel.univariate(5, 1).logDensity(x, 0)) * truth.logDensity(x, 0);
        }
        assertEquals(own, LoopMetric.minorityLogLikelihood(20_000).value(truth, truth, new SplittableRandom(1)),
                0.03);
        assertEquals(own, res.summary("minorityLogLikelihood", 1).median(), 0.15);
    }

    @Test
    void invalidSettingsAreRejected() {
        SelfConsumingLoop base = SelfConsumingLoop.fullySynthetic(STANDARD, GaussianEstimator.mle(), 10);
        assertThrows(IllegalArgumentException.class, () -> base.withSizes(10, 5, 11, 0));
        assertThrows(IllegalArgumentException.class, () -> base.withSamplingBias(0));
        assertThrows(IllegalArgumentException.class, () -> base.withGenerations(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> base.withGenerations(1).withReplicates(2).run().summary("nope", 1));
        assertTrue(e.getMessage().contains("varianceRatio"), e.getMessage());
        assertEquals(List.of("meanShift", "varianceRatio", "kl"), base.withReplicates(1).withGenerations(1).run()
                .metricNames());
    }

    private static SelfConsumingLoop loop(Estimator<?> estimator, int generations) {
        return loop(estimator, 10, generations, REPLICATES);
    }

    private static SelfConsumingLoop loop(Estimator<?> estimator, int n, int generations, int replicates) {
        return SelfConsumingLoop.fullySynthetic(STANDARD, estimator, n).withGenerations(generations)
                .withReplicates(replicates).withSeed(2024);
    }
}
