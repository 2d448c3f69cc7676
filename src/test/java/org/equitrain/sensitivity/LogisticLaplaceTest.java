package org.equitrain.sensitivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * MPE for binary logistic regression with an exact-Hessian Laplace posterior, against brute-force refits: the spec
 * §4 reference simulation (N = 200, P = 4, δ = 1), §6.3 (the refined form beats v·e) and §6.7 (sign check).
 */
class LogisticLaplaceTest {
    private static final int N = 200;
    private static final int P = 4;
    private static final double DELTA = 1;
    private static final double[] TRUE_THETA = {1.2, -0.8, 0.5, 0.0};

    /** x_i ~ N(0, I₄), y_i ~ Bernoulli(σ(x_iᵀθ_true)). */
    private static DesignMatrix features(SplittableRandom rng) {
        double[] x = new double[N * P];
        for (int k = 0; k < x.length; k++) {
            x[k] = rng.nextGaussian();
        }
        return DesignMatrix.of(x, N, P);
    }

    private static int[] labels(DesignMatrix x, SplittableRandom rng) {
        double[] f = x.times(TRUE_THETA);
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = rng.nextDouble() < LogisticLaplace.sigmoid(f[i]) ? 1 : 0;
        }
        return y;
    }

    private static LogisticLaplace referenceModel(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DesignMatrix x = features(rng);
        return LogisticLaplace.fit(x, labels(x, rng), DELTA);
    }

    @Test
    void newtonReachesTheOptimumAndTheRefinedFormIsTheRankOneDowndate() {
        SplittableRandom rng = new SplittableRandom(3);
        DesignMatrix x = features(rng);
        int[] y = labels(x, rng);
        LogisticLaplace model = LogisticLaplace.fit(x, y, DELTA);
        double[] theta = model.parameters();
        double[] e = model.errors();
        double[] gradient = x.transposeTimes(e);
        for (int k = 0; k < P; k++) {
            assertEquals(0, gradient[k] + DELTA * theta[k], 1e-10, "∇L(θ*) = Xᵀe + δθ* = 0");
        }
        // v_i / (1 − λ_i v_i) = x_iᵀ(H − λ_i x_i x_iᵀ)⁻¹x_i (Sherman–Morrison).
        double[] lambda = model.curvatures();
        double[] v = model.variances();
        for (int i : new int[] {0, 50, 199}) {
            double[] w = lambda.clone();
            w[i] = 0;
            double[] h = x.weightedGram(w);
            for (int k = 0; k < P; k++) {
                h[k * P + k] += DELTA;
            }
            double vWithout = Cholesky.factor(h, P).quadraticForms(x.row(i), 1)[0];
            assertEquals(vWithout * e[i], model.refinedLogitShifts()[i], 1e-13);
            assertEquals(v[i] / (1 - lambda[i] * v[i]), vWithout, 1e-13);
        }
    }

    @Test
    void referenceSimulationEstimatesTrackBruteForceLoo() {
        LogisticLaplace model = referenceModel(2023);
        double[] truth = model.bruteForceLooLogitShifts();
        double[] firstOrder = model.estimatedLogitShifts();
        double[] refined = model.refinedLogitShifts();

        // Spec §4: Pearson 0.9998 (v e) and 0.9996 (refined); mean abs error 1.4e-3 vs 4.9e-4.
        assertTrue(Correlation.pearson(firstOrder, truth) > 0.99, "v·e Pearson");
        assertTrue(Correlation.pearson(refined, truth) > 0.99, "refined Pearson");
        double maeFirstOrder = Correlation.meanAbsoluteError(firstOrder, truth);
        double maeRefined = Correlation.meanAbsoluteError(refined, truth);
        // Spec §6.3: the refined form beats v·e against brute force.
        assertTrue(maeRefined < maeFirstOrder, "refined MAE " + maeRefined + " vs v·e " + maeFirstOrder);

        // Spec §4 gap pattern: training NLL < MPE LOO ≈ true LOO (0.4599 < 0.4779 ≈ 0.4787, refined 0.4784).
        double train = model.trainingNll();
        double trueLoo = model.looNll(truth);
        double mpeLoo = model.looNll(firstOrder);
        double refinedLoo = model.looNll(refined);
        String summary = String.format("train %.4f, true LOO %.4f, MPE %.4f, refined %.4f", train, trueLoo, mpeLoo,
                refinedLoo);
        assertTrue(train < mpeLoo && train < trueLoo, summary);
        double gap = trueLoo - train;
        assertTrue(Math.abs(trueLoo - mpeLoo) < 0.1 * gap, "MPE closes at least 90 % of the gap: " + summary);
        assertTrue(Math.abs(trueLoo - refinedLoo) <= Math.abs(trueLoo - mpeLoo), "refined is closer still: " + summary);
    }

    @Test
    void everyEstimatedLooTermIsAtLeastTheTrainingTerm() {
        // Spec §6.7: the first-order change of log p(y_i) is −e_i v_i e_i ≤ 0, so no term falls below training.
        LogisticLaplace model = referenceModel(7);
        double[] train = model.trainingNllTerms();
        double[] firstOrder = model.looNllTerms(model.estimatedLogitShifts());
        double[] refined = model.looNllTerms(model.refinedLogitShifts());
        for (int i = 0; i < N; i++) {
            assertTrue(firstOrder[i] >= train[i], "row " + i);
            assertTrue(refined[i] >= firstOrder[i], "row " + i);
        }
    }

    @Test
    void leaveGroupOutStepTracksARefitOnEveryRow() {
        LogisticLaplace model = referenceModel(11);
        int[] group = {4, 8, 15, 16, 23, 42};
        double[] estimated = model.groupLogitShifts(group);
        double[] before = model.logits();
        double[] after = model.logits(model.refitWithout(group));
        double[] truth = new double[N];
        for (int k = 0; k < N; k++) {
            truth[k] = after[k] - before[k];
        }
        assertTrue(Correlation.pearson(estimated, truth) > 0.99, "Δf_k = x_kᵀΔθ_G vs refit, all rows");
        assertTrue(Correlation.meanAbsoluteError(estimated, truth) < 0.1 * meanAbs(truth));

        // A group of one is the per-example step; the cheap form (a) restricts the LOO terms to the group.
        assertEquals(model.estimatedLogitShifts()[15], model.groupLogitShifts(new int[] {15})[15], 1e-14);
        double[] terms = model.looNllTerms(model.estimatedLogitShifts());
        double restricted = 0;
        for (int i : group) {
            restricted += terms[i] / group.length;
        }
        assertEquals(restricted, model.looNll(model.estimatedLogitShifts(), group), 1e-15);
        assertArrayEquals(model.bruteForceLooLogitShifts(new int[] {8, 42}), new double[] {
            model.logits(model.refitWithout(8))[8] - before[8], model.logits(model.refitWithout(42))[42] - before[42]},
                0);
    }

    @Test
    void sensitivitiesAreErrorTimesVarianceInProbability() {
        LogisticLaplace model = referenceModel(5);
        double[] s = model.probabilityDeviations();
        double[] lambda = model.curvatures();
        double[] shift = model.estimatedLogitShifts();
        for (int i = 0; i < N; i++) {
            assertEquals(Math.abs(lambda[i] * shift[i]), s[i], 1e-16);
        }
        // Misfit examples (large |e|) are the most sensitive: the top-ranked example has a large error.
        int top = 0;
        for (int i = 1; i < N; i++) {
            top = s[i] > s[top] ? i : top;
        }
        assertTrue(Math.abs(model.errors()[top]) > 0.5);
    }

    @Test
    void badLabelsAndPriorsAreRejected() {
        DesignMatrix x = DesignMatrix.of(new double[][] {{1, 0}, {0, 1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticLaplace.fit(x, new int[] {0, 2}, 1));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogisticLaplace.fit(x, new int[] {0, 1}, 0));
    }

    @Test
    void groupFormsRefuseAnEmptyGroupOrARowListedTwiceAsRidgeDoes() {
        LogisticLaplace model = referenceModel(3);
        double[] shifts = model.refinedLogitShifts();
        for (org.junit.jupiter.api.function.Executable call : new org.junit.jupiter.api.function.Executable[] {
            () -> model.looNll(shifts, new int[] {4, 2, 4}), () -> model.groupParameterStep(new int[] {4, 2, 4})}) {
            assertEquals("leave-group-out: row 4 appears twice in the group",
                    assertThrows(IllegalArgumentException.class, call).getMessage());
        }
        assertEquals("leave-group-out: the group is empty", assertThrows(IllegalArgumentException.class,
                () -> model.looNll(shifts, new int[0])).getMessage());
        assertEquals("leave-group-out: the group is empty", assertThrows(IllegalArgumentException.class,
                () -> model.groupLogitShifts(new int[0])).getMessage());
    }

    private static double meanAbs(double[] t) {
        double s = 0;
        for (double v : t) {
            s += Math.abs(v) / t.length;
        }
        return s;
    }
}
