package org.equitrain.autophagy.ple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.GradCheck;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.hypernet.HeadsConfig;
import org.equitrain.autophagy.hypernet.HypernetConfig;
import org.equitrain.autophagy.hypernet.ParamConstraints;
import org.equitrain.autophagy.ple.PleOptions.Coordinates;
import org.equitrain.autophagy.ple.PleOptions.SyntheticGradient;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The PLE objective: float64 finite-difference gradients w.r.t. φ through the generated parameters and the
 * reparameterised synthetic sets (spec §9.3), gradient modes, and autophagy consistency by Monte Carlo (spec §9.2).
 */
class PleObjectiveTest {
    private static final Var DATA = Var.constant(GradCheck.randn(1, 5, 2));

    private static void checkGradient(DensityFamily family, HeadsConfig heads, PleOptions options) {
        HypernetEstimator est = HypernetEstimator.forFamily(family, HypernetConfig.of(2, 4, 5).withHeads(heads)
                .withOuterNet(true));
        PleObjective objective = new PleObjective(family, est, options);
        Params phi = est.initialParams(DType.FLOAT64, 3);
        GradCheck.check(v -> objective.evaluate(phi.withValues(v), DATA, new SplittableRandom(4)).total(),
                phi.tensors(), 1e-5);
        // At initialisation H barely depends on its data set, so the penalty is small (1e-7..1e-5) and its share of
        // the total's gradient would hide under the tolerance: check it on its own, at unit scale.
        double penalty = objective.evaluate(phi, DATA, new SplittableRandom(4)).penalty().item();
        assertTrue(penalty != 0 && Double.isFinite(penalty), "the penalty takes part: " + penalty);
        GradCheck.check(v -> Ops.mulScalar(objective.evaluate(phi.withValues(v), DATA, new SplittableRandom(4))
                .penalty(), 1 / Math.abs(penalty)), phi.tensors(), 1e-5);
    }

    @Test
    void gaussianDenseHeadsDefaults() {
        checkGradient(new GaussianFamily(2), HeadsConfig.dense(), PleOptions.defaults().withWeight(0.7));
    }

    @Test
    void fullCovarianceChunkedHeadsPlainPerTensorMean() {
        checkGradient(new FullCovGaussianFamily(2), HeadsConfig.chunked(4, 2), PleOptions.defaults().withWeight(0.7)
                .withPenalty(PlePenalty.Kind.PLAIN, 1).withReduction(PlePenalty.Reduction.PER_TENSOR_MEAN));
    }

    @Test
    void affineFlowLowRankHeadsRawCoordinatesOtherSyntheticSize() {
        checkGradient(new AffineFlowFamily(2), HeadsConfig.lowRank(2), PleOptions.defaults().withWeight(0.7)
                .withCoordinates(Coordinates.RAW).withSyntheticSize(3).withPenalty(PlePenalty.Kind.DEBIASED, 3));
    }

    @Test
    void lambdaZeroIsTheLikelihoodThroughTheEstimator() {
        GaussianFamily family = new GaussianFamily(2);
        HypernetEstimator est = HypernetEstimator.forFamily(family, HypernetConfig.of(2, 4));
        Params phi = est.initialParams(DType.FLOAT64, 1);
        PleObjective.Terms t = new PleObjective(family, est, PleOptions.defaults().withWeight(0))
                .evaluate(phi, DATA, new SplittableRandom(1));
        assertNull(t.penalty());
        assertEquals(t.nll().item(), t.total().item());
        Params theta = family.constraints().apply(est.hypernetwork().generate(phi, DATA));
        assertEquals(family.meanNll(theta, DATA).item(), t.total().item(), 1e-12);
    }

    @Test
    void gradientModesShareTheValueButNotTheGradient() {
        GaussianFamily family = new GaussianFamily(2);
        HypernetEstimator est = HypernetEstimator.forFamily(family, HypernetConfig.of(2, 4, 5));
        Params phi = est.initialParams(DType.FLOAT64, 2);
        double[] values = new double[3];
        double[][] grads = new double[3][];
        SyntheticGradient[] modes = SyntheticGradient.values();
        for (int i = 0; i < modes.length; i++) {
            PleObjective obj = new PleObjective(family, est, PleOptions.defaults().withWeight(0.5)
                    .withGradient(modes[i]));
            Var total = obj.evaluate(phi, DATA, new SplittableRandom(6)).total();
            values[i] = total.item();
            grads[i] = Grad.gradTensors(total, phi.vars()).get(0).toDoubleArray();
        }
        for (int i = 1; i < modes.length; i++) {
            assertEquals(values[0], values[i], 1e-12, modes[i].toString());
            double diff = 0;
            for (int k = 0; k < grads[0].length; k++) {
                diff += Math.abs(grads[0][k] - grads[i][k]);
            }
            assertTrue(diff > 1e-8, modes[i] + " changes the gradient");
        }
    }

    /** Mean of the debiased penalty of the structured estimator over synthetic draws, for one fixed set X. */
    private static double[] penaltyMean(ScaledVarianceEstimator est, double c, PleOptions options, Var x) {
        PleObjective obj = new PleObjective(new GaussianFamily(1, ParamConstraints.none()), est, options);
        Params phi = Params.of(Map.of("rho", Var.param(Tensor.vector(Math.log(c)))));
        SplittableRandom rng = new SplittableRandom(9);
        int reps = 20_000;
        double sum = 0;
        double sumSq = 0;
        try (GradMode off = GradMode.off()) {
            for (int r = 0; r < reps; r++) {
                double p = obj.evaluate(phi, x, rng).penalty().item();
                sum += p;
                sumSq += p * p;
            }
        }
        double mean = sum / reps;
        return new double[] {mean, Math.sqrt((sumSq / reps - mean * mean) / reps)};
    }

    /**
     * For σ̂² = cS, μ̂ = x̄ and a fixed X: E θ̃ = (x̄, c·cS(ñ−1)), so E[debiased] = c²S²(1 − c(ñ−1))², zero at the AC
     * fixed point c = 1/(ñ−1) (spec §2) and ((n−1)/n-shrinkage) positive at the MLE c = 1/n.
     */
    @Test
    void autophagyConsistencyOfTheVarianceScale() {
        Var x = Var.constant(GradCheck.randn(7, 4, 1));
        double s = 0;
        double mean = 0;
        for (int i = 0; i < 4; i++) {
            mean += x.value().getFlat(i) / 4;
        }
        for (int i = 0; i < 4; i++) {
            s += Math.pow(x.value().getFlat(i) - mean, 2);
        }
        ScaledVarianceEstimator est = new ScaledVarianceEstimator(1);
        for (int size : new int[] {4, 7}) {
            PleOptions options = PleOptions.defaults().withSyntheticSize(size == 4 ? 0 : size);
            for (double c : new double[] {1.0 / 4, 1.0 / (size - 1)}) {
                double expected = c * c * s * s * Math.pow(1 - c * (size - 1), 2);
                double[] mc = penaltyMean(est, c, options, x);
                assertEquals(expected, mc[0], 4 * mc[1] + 1e-12, "ñ = " + size + ", c = " + c);
            }
        }
    }

    /** In log-variance coordinates the AC fixed point is c = ½·exp(−ψ((n−1)/2)) (spec §3, §9.2). */
    @Test
    void logCoordinateFixedPoint() {
        int n = 5;
        Var x = Var.constant(GradCheck.randn(8, n, 1));
        double psi = digammaOfInteger((n - 1) / 2);
        double fixedPoint = 0.5 * Math.exp(-psi);
        assertTrue(fixedPoint > 1.0 / (n - 1), "exceeds the unbiased scale: " + fixedPoint);
        ScaledVarianceEstimator est = new ScaledVarianceEstimator(1, true);
        PleOptions raw = PleOptions.defaults().withCoordinates(Coordinates.RAW);
        for (double c : new double[] {fixedPoint, 1.0 / (n - 1)}) {
            // E[log θ̃] − log θ = log c + E log χ²_{n−1} = log c + ψ((n−1)/2) + log 2
            double expected = Math.pow(Math.log(c) + psi + Math.log(2), 2);
            double[] mc = penaltyMean(est, c, raw, x);
            assertEquals(expected, mc[0], 4 * mc[1] + 1e-12, "c = " + c);
        }
    }

    /** ψ(k) = −γ + Σ_{j<k} 1/j for a positive integer k. */
    private static double digammaOfInteger(int k) {
        double psi = -0.5772156649015329;
        for (int j = 1; j < k; j++) {
            psi += 1.0 / j;
        }
        return psi;
    }

    @Test
    void sharingTheChunkedHeadsAcrossTheSetsOfAStepChangesNothing() {
        VaeFamily family = new VaeFamily(6, 4, 2, 0);
        HypernetEstimator shared = HypernetEstimator.forFamily(family, HypernetConfig.of(6, 5, 7)
                .withHeads(HeadsConfig.chunked(16, 3)));
        LearnedEstimator perSet = new LearnedEstimator() { // the default bind: every set regenerates E·W_eᵀ + b
            @Override
            public List<ParamSpec> paramSpecs() {
                return shared.paramSpecs();
            }

            @Override
            public Params initialParams(DType dtype, long seed) {
                return shared.initialParams(dtype, seed);
            }

            @Override
            public Estimate estimate(Params phi, Var data) {
                return shared.estimate(phi, data);
            }
        };
        Var data = Var.constant(Tensor.uniform(DType.FLOAT64, new SplittableRandom(2), 0, 1, 8, 6));
        Params phi = shared.initialParams(DType.FLOAT64, 5);
        List<Tensor> reference = null;
        for (LearnedEstimator est : List.of(perSet, shared)) {
            PleObjective objective = new PleObjective(new VaeFamily(6, 4, 2, 0), est,
                    PleOptions.defaults().withWeight(0.5));
            PleObjective.Terms t = objective.evaluate(phi, data, new SplittableRandom(6));
            List<Tensor> g = new ArrayList<>(Grad.gradTensors(t.total(), phi.vars()));
            g.add(Tensor.scalar(t.total().item()));
            if (reference == null) {
                reference = g;
                continue;
            }
            for (int i = 0; i < g.size(); i++) {
                double[] a = reference.get(i).toDoubleArray();
                double[] b = g.get(i).toDoubleArray();
                for (int j = 0; j < a.length; j++) {
                    assertEquals(a[j], b[j], 1e-10 * Math.max(1, Math.abs(a[j])), "tensor " + i + " entry " + j);
                }
            }
        }
    }
}
