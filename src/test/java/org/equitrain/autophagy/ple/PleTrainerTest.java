package org.equitrain.autophagy.ple;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.hypernet.HypernetConfig;
import org.equitrain.nn.Params;
import org.equitrain.nn.train.TrainingDivergedException;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** PleTrainer: torchhyper's learning-rate decay, data-set sources, reproducibility, and a small ple-bias run. */
class PleTrainerTest {

    @Test
    void theStepListenerHearsEveryStepInOrder() {
        GaussianFamily family = new GaussianFamily(1);
        HypernetEstimator est = HypernetEstimator.forFamily(family, HypernetConfig.of(1, 4));
        PleTrainer trainer = new PleTrainer(new PleObjective(family, est, PleOptions.defaults()),
                PleTrainer.Options.of(5, 1e-3, 1));
        List<Integer> heard = new ArrayList<>();
        trainer.train(est.initialParams(DType.FLOAT64, 1), DataSets.varyingGaussians(6, 1, 1, 0.5, 2), heard::add);
        assertEquals(List.of(1, 2, 3, 4, 5), heard);
    }

    @Test
    void aNonFiniteObjectiveStopsTrainingAtItsStep() {
        GaussianFamily family = new GaussianFamily(1);
        HypernetEstimator est = HypernetEstimator.forFamily(family, HypernetConfig.of(1, 4));
        PleObjective objective = new PleObjective(family, est, PleOptions.defaults());
        Tensor bad = Tensor.wrap(new double[] {0.5, Double.NaN, 1.5, 2}, 4, 1);
        PleTrainer trainer = new PleTrainer(objective, PleTrainer.Options.of(3, 1e-3, 1));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.train(est.initialParams(DType.FLOAT64, 1), rng -> bad));
        assertEquals("training diverged at step 1: the PLE objective is NaN; no finite loss before it",
                e.getMessage());
    }

    /**
     * Spec §2–3: with θ̃ detached the penalty pulls σ̂² = cS towards the refit of its own samples, of mean c²(n−1)S,
     * which lies above σ̂² whenever c > 1/(n−1): a repelling fixed point. A flexible hypernetwork runs away, and
     * training stops instead of returning estimates that fit nothing; the same run with full gradients trains.
     */
    @Test
    void aRunawayUnderStoppedTargetsStopsTrainingNamingTheStep() {
        GaussianFamily family = new GaussianFamily(1);
        HypernetEstimator est = HypernetEstimator.forFamily(family, HypernetConfig.of(1, 64, 64).withOuterNet(true));
        PleOptions plain = PleOptions.defaults().withPenalty(PlePenalty.Kind.PLAIN, 4);
        PleTrainer.Options options = PleTrainer.Options.of(200, 1e-2, 0).withSetsPerStep(4);
        DataSets sets = DataSets.varyingGaussians(10, 1, 1, 0.25, 4);
        PleTrainer stopped = new PleTrainer(new PleObjective(family, est,
                plain.withGradient(PleOptions.SyntheticGradient.STOP_TARGET)), options);
        EstimatesDivergedException e = assertThrows(EstimatesDivergedException.class,
                () -> stopped.train(est.initialParams(DType.FLOAT64, 0), sets));
        assertTrue(e.step() < 200, "stopped before the end: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("PLE training diverged at step " + e.step() + ": the estimates no "
                + "longer fit the sets they are estimated from (mean NLL per sample "), e.getMessage());
        PleTrainer.Result full = new PleTrainer(new PleObjective(family, est, plain), options)
                .train(est.initialParams(DType.FLOAT64, 0), sets);
        assertTrue(full.nll()[199] < 3, "full gradients fit the sets: " + full.nll()[199]);
    }

    @Test
    void learningRateDecayMatchesTheGmmConfig() {
        // spec §6: 0.1 → 0.005 over 6,000 steps gives b ≈ 0.75 and lr ≈ 0.009 by step 1,000
        PleTrainer.Options o = PleTrainer.Options.of(6001, 0.1, 0).withFinalLearningRate(0.005);
        assertEquals(0.1, o.learningRate(0), 1e-12);
        assertEquals(0.005, o.learningRate(6000), 1e-12);
        assertEquals(0.009, o.learningRate(1000), 0.0005);
        double b = 6000 / (Math.pow(20, 3) - 1);
        assertEquals(0.75, b, 0.001);
        assertEquals(0.1, PleTrainer.Options.of(10, 0.1, 0).learningRate(9));
    }

    @Test
    void anInfiniteLearningRateIsRefusedWithTheOptionsNotLaterInsideAdam() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PleTrainer.Options.of(5, Double.POSITIVE_INFINITY, 0));
        assertEquals("need steps >= 1, setsPerStep >= 1 and a finite learning rate > 0, got 5, 1, Infinity",
                e.getMessage());
    }

    @Test
    void varyingGaussiansRefuseASpreadOrVarianceThatIsNotFinite() {
        for (double[] bad : new double[][] {{Double.NaN, 1, 2}, {-1, 1, 2}, {1, 1, Double.POSITIVE_INFINITY}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DataSets.varyingGaussians(5, 1, bad[0], bad[1], bad[2]));
            assertEquals("need n, d >= 1, a finite mean spread >= 0 and finite 0 < minVariance <= maxVariance, got n=5"
                    + " d=1 spread " + bad[0] + " variances [" + bad[1] + ", " + bad[2] + "]", e.getMessage());
        }
    }

    @Test
    void minibatchesVisitEveryRowOncePerEpoch() {
        double[] v = new double[10];
        for (int i = 0; i < 10; i++) {
            v[i] = i;
        }
        DataSets batches = DataSets.minibatches(Tensor.wrap(v, 10, 1), 3);
        SplittableRandom rng = new SplittableRandom(1);
        for (int epoch = 0; epoch < 2; epoch++) {
            double[] seen = new double[9];
            for (int b = 0; b < 3; b++) {
                Tensor batch = batches.next(rng);
                assertArrayEquals(new int[] {3, 1}, batch.dims());
                System.arraycopy(batch.toDoubleArray(), 0, seen, 3 * b, 3);
            }
            Arrays.sort(seen);
            for (int i = 1; i < 9; i++) {
                assertTrue(seen[i] > seen[i - 1], "no row twice in an epoch: " + Arrays.toString(seen));
            }
        }
    }

    @Test
    void varyingGaussiansDrawSetsWithTheirOwnScale() {
        DataSets sets = DataSets.varyingGaussians(200, 2, 3, 0.25, 4);
        SplittableRandom rng = new SplittableRandom(2);
        double minVar = Double.MAX_VALUE;
        double maxVar = 0;
        for (int s = 0; s < 50; s++) {
            Tensor x = sets.next(rng);
            assertArrayEquals(new int[] {200, 2}, x.dims());
            double mean = 0;
            double ss = 0;
            for (int i = 0; i < 200; i++) {
                mean += x.get(i, 0) / 200;
            }
            for (int i = 0; i < 200; i++) {
                ss += Math.pow(x.get(i, 0) - mean, 2) / 199;
            }
            assertTrue(Math.abs(mean) < 3 + 4 * Math.sqrt(4.0 / 200));
            minVar = Math.min(minVar, ss);
            maxVar = Math.max(maxVar, ss);
        }
        assertTrue(minVar < 0.5 && minVar > 0.25 * 0.7 && maxVar > 2 && maxVar < 4 * 1.3, minVar + " " + maxVar);
    }

    /**
     * The ple-bias protocol in small: a hypernetwork for a 1-D Gaussian trained on sets of n = 8 whose σ² varies;
     * the loss falls, the run is reproducible, and H has learned to read the scale of a set.
     */
    @Test
    void hypernetworkLearnsToReadTheScaleOfASet() {
        GaussianFamily family = new GaussianFamily(1);
        HypernetEstimator est = HypernetEstimator.forFamily(family, HypernetConfig.of(1, 16, 16));
        PleObjective objective = new PleObjective(family, est, PleOptions.defaults());
        PleTrainer.Options options = new PleTrainer.Options(300, 8, 0.03, 0.003, 5, 0);
        DataSets sets = DataSets.varyingGaussians(8, 1, 1, 0.25, 4);
        Params init = est.initialParams(DType.FLOAT64, 1);
        double[] before = init.tensors().get(0).toDoubleArray();
        PleTrainer.Result run = new PleTrainer(objective, options).train(init, sets);
        assertArrayEquals(before, init.tensors().get(0).toDoubleArray(), "the initial φ is left unchanged");
        double initialNll = heldOutNll(est, init, sets);
        double trainedNll = heldOutNll(est, run.phi(), sets);
        double mleNll = heldOutNll(null, null, sets);
        // the per-set MLE minimises each set's own NLL: H can approach it but not beat it
        assertTrue(trainedNll > mleNll && trainedNll - mleNll < 0.5 * (initialNll - mleNll),
                "fresh-set NLL: initial " + initialNll + ", trained " + trainedNll + ", MLE " + mleNll);
        assertFalse(Double.isNaN(run.penalty()[0]));

        PleTrainer.Result again = new PleTrainer(objective, options).train(init, sets);
        assertArrayEquals(run.loss(), again.loss(), "same seed, same run");
        PleTrainer.Result other = new PleTrainer(objective, new PleTrainer.Options(300, 8, 0.03, 0.003, 6, 0))
                .train(init, sets);
        assertNotEquals(run.loss()[299], other.loss()[299]);

        Tensor reference = sets.next(new SplittableRandom(11));
        Tensor wide = Tensor.zeros(DType.FLOAT64, 8, 1);
        for (int i = 0; i < 8; i++) {
            wide.setFlat(i, 3 * reference.getFlat(i));
        }
        Params narrowTheta = PleTrainer.finalParameters(est, run.phi(), reference);
        Params wideTheta = PleTrainer.finalParameters(est, run.phi(), wide);
        assertFalse(narrowTheta.get("variance").requiresGrad());
        double ratio = wideTheta.get("variance").item() / narrowTheta.get("variance").item();
        assertTrue(ratio > 4, "tripling the data scale must raise the variance estimate clearly: " + ratio);
        Var direct = family.constraints().apply(est.hypernetwork().generate(run.phi(), Var.constant(reference)))
                .get("variance");
        assertEquals(direct.item(), narrowTheta.get("variance").item(), 1e-12);
    }

    /** Mean NLL of 200 fresh sets under θ = H_φ(X) of each set, or under the set's MLE when est is null. */
    private static double heldOutNll(HypernetEstimator est, Params phi, DataSets sets) {
        SplittableRandom rng = new SplittableRandom(99);
        double total = 0;
        try (GradMode off = GradMode.off()) {
            for (int s = 0; s < 200; s++) {
                Var x = Var.constant(sets.next(rng));
                Params theta = est != null ? est.estimate(phi, x).constrained() : mle(x.value());
                total += new GaussianFamily(1).meanNll(theta, x).item() / 200;
            }
        }
        return total;
    }

    private static Params mle(Tensor x) {
        int n = x.dim(0);
        double mean = 0;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            mean += x.getFlat(i) / n;
        }
        for (int i = 0; i < n; i++) {
            ss += Math.pow(x.getFlat(i) - mean, 2) / n;
        }
        Map<String, Var> m = new LinkedHashMap<>();
        m.put("mean", Var.constant(Tensor.vector(mean)));
        m.put("variance", Var.constant(Tensor.vector(ss)));
        return Params.of(m);
    }
}
