package org.equitrain.autophagy.ple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.equitrain.autophagy.hypernet.ParamConstraints;
import org.equitrain.autophagy.ple.PleOptions.SyntheticGradient;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Gaussian;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * PLE spec §9.1: the structured estimator σ̂² = c·S, μ̂ = x̄ (c = exp(ρ) learned) trained by PLE on sets of n = 4
 * draws of N(1, σ² = 2) converges to the minimiser of the exact expected objective F(c) of spec §3, found here by a
 * 1-D numerical search. With stopped gradients the limit is instead the root of the expected semi-gradient.
 */
class StructuredEstimatorTest {
    private static final int N = 4;
    private static final double SIGMA2 = 2;
    private static final double LAMBDA = 0.1;
    private static final double TOL = 0.008;
    private static final GaussianFamily FAMILY = new GaussianFamily(1, ParamConstraints.none());
    private static final DataSets SETS = rng -> {
        Tensor x = Tensor.zeros(DType.FLOAT64, N, 1);
        NormalizedGaussianSampler normal = Gaussian.sampler(rng);
        for (int i = 0; i < N; i++) {
            x.setFlat(i, 1 + Math.sqrt(SIGMA2) * normal.sample());
        }
        return x;
    };

    /**
     * Spec §3, up to a constant: F(c) = ½ log c + 1/(2cn) + λ[σ⁴(n²−1)(c²(1−(n−1)c)² + 2(n−1)c⁴/M)
     * + σ²(n−1)c/(nM)], the 1/M terms only for the plain penalty.
     */
    static double expectedObjective(double c, int m, boolean plain) {
        double n = N;
        double s4 = SIGMA2 * SIGMA2;
        double f = 0.5 * Math.log(c) + 1 / (2 * c * n) + LAMBDA * s4 * (n * n - 1) * c * c * sq(1 - (n - 1) * c);
        if (plain) {
            f += LAMBDA * (s4 * (n * n - 1) * 2 * (n - 1) * Math.pow(c, 4) / m + SIGMA2 * (n - 1) * c / (n * m));
        }
        return f;
    }

    /**
     * The expected gradient in c with the synthetic branch stopped (debiased penalty; the mean coordinate does not
     * move with c). E[NLL]' = 1/(2c) − 1/(2nc²); θ̃ detached: + 2λσ⁴(n²−1)c(1−(n−1)c); samples detached
     * (θ̃_m = c·S̃_m with S̃_m frozen, the penalty is c²·const): + 2λσ⁴(n²−1)c(1−(n−1)c)².
     */
    static double semiGradient(double c, SyntheticGradient mode) {
        double n = N;
        double gap = 1 - (n - 1) * c;
        double pen = 2 * LAMBDA * SIGMA2 * SIGMA2 * (n * n - 1) * c * (mode == SyntheticGradient.STOP_TARGET ? gap
                : gap * gap);
        return 1 / (2 * c) - 1 / (2 * n * c * c) + pen;
    }

    private static double sq(double x) {
        return x * x;
    }

    /** Golden-section search for the minimiser of a unimodal f on [lo, hi]. */
    static double argmin(DoubleUnaryOperator f, double lo, double hi) {
        double g = (Math.sqrt(5) - 1) / 2;
        double a = lo;
        double b = hi;
        while (b - a > 1e-10) {
            double x1 = b - g * (b - a);
            double x2 = a + g * (b - a);
            if (f.applyAsDouble(x1) < f.applyAsDouble(x2)) {
                b = x2;
            } else {
                a = x1;
            }
        }
        return (a + b) / 2;
    }

    /** Bisection for a sign change of f on [lo, hi]. */
    static double root(DoubleUnaryOperator f, double lo, double hi) {
        double a = lo;
        double b = hi;
        boolean negativeAtA = f.applyAsDouble(a) < 0;
        assertTrue(negativeAtA != f.applyAsDouble(b) < 0, "no sign change on [" + lo + ", " + hi + "]");
        while (b - a > 1e-12) {
            double mid = (a + b) / 2;
            if (f.applyAsDouble(mid) < 0 == negativeAtA) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return (a + b) / 2;
    }

    /** Trains c from {@code initialC}: Adam 0.03 → 0.003 over 2000 steps of 16 sets, second half averaged. */
    private static double train(PleOptions options, double initialC, long seed) {
        ScaledVarianceEstimator est = new ScaledVarianceEstimator(initialC);
        PleTrainer trainer = new PleTrainer(new PleObjective(FAMILY, est, options),
                new PleTrainer.Options(2000, 16, 0.03, 0.003, seed, 0.5));
        Params phi = trainer.train(est.initialParams(DType.FLOAT64, 0), SETS).phi();
        return ScaledVarianceEstimator.c(phi);
    }

    @Test
    void lambdaZeroGivesTheMle() {
        assertEquals(1.0 / N, train(PleOptions.defaults().withWeight(0), 0.5, 1), TOL);
    }

    @Test
    void debiasedPenaltyConvergesToTheMinimiserOfF() {
        double target = argmin(c -> expectedObjective(c, 2, false), 0.05, 1);
        assertTrue(target > 0.29 && target < 1.0 / (N - 1), "between the MLE and the AC fixed point: " + target);
        assertEquals(target, train(PleOptions.defaults().withWeight(LAMBDA), 0.5, 2), TOL);
        // F does not depend on M for the debiased penalty
        assertEquals(target, train(PleOptions.defaults().withWeight(LAMBDA).withPenalty(PlePenalty.Kind.DEBIASED, 4),
                0.5, 3), TOL);
    }

    @Test
    void plainPenaltyConvergesToTheMinimiserOfFBelowTheMle() {
        double target = argmin(c -> expectedObjective(c, 2, true), 0.05, 1);
        assertTrue(target < 1.0 / N - 0.03, "spec §3: plain with M = 2 is more biased than the MLE: " + target);
        assertEquals(target, train(PleOptions.defaults().withWeight(LAMBDA).withPenalty(PlePenalty.Kind.PLAIN, 2),
                0.5, 4), TOL);
    }

    @Test
    void stoppedGradientsConvergeToTheRootOfTheirSemiGradient() {
        for (SyntheticGradient mode : new SyntheticGradient[] {SyntheticGradient.STOP_TARGET,
                SyntheticGradient.STOP_SAMPLING}) {
            double target = root(c -> semiGradient(c, mode), 0.05, 1.0 / N);
            // started at the MLE: from above 1/(n−1) the stop-target iteration runs away (θ̃ grows like c²)
            assertEquals(target, train(PleOptions.defaults().withWeight(LAMBDA).withGradient(mode), 1.0 / N, 5), TOL,
                    mode.toString());
        }
    }
}
