package org.equitrain.experiments;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.equitrain.autophagy.Estimator;
import org.equitrain.autophagy.GaussianModel;
import org.equitrain.autophagy.hypernet.HypernetConfig;
import org.equitrain.autophagy.ple.DataSets;
import org.equitrain.autophagy.ple.GaussianFamily;
import org.equitrain.autophagy.ple.HypernetEstimator;
import org.equitrain.autophagy.ple.LoopEstimator;
import org.equitrain.autophagy.ple.ModelReader;
import org.equitrain.autophagy.ple.PleObjective;
import org.equitrain.autophagy.ple.PleOptions;
import org.equitrain.autophagy.ple.PleTrainer;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;

/**
 * The learned 1-D Gaussian estimators of the PLE experiments (spec §8 ple-bias protocol [choice]): a DeepSets
 * hypernetwork (encoder 1-64-64, outer net on, dense heads) trained on sets of n draws of N(μ, σ²) with
 * μ ~ U(−1, 1) and σ² log-uniform on [1/4, 4] varying per set, debiased penalty with M = 2, ñ = n, Adam with
 * torchhyper's lr decay and Polyak averaging of the last 30% of iterates. λ = 0 is the plain hypernetwork ("hyper").
 */
public final class GaussianPle {
    static final double MEAN_SPREAD = 1;
    static final double MIN_VARIANCE = 0.25;
    static final double MAX_VARIANCE = 4;

    private GaussianPle() {
    }

    /** Training budget: optimizer steps and sets averaged per step. */
    public record Budget(int steps, int setsPerStep) {
    }

    /** Trains H_φ for sets of size n with the PLE objective {@code options} (λ = 0: the plain hypernetwork). */
    public static LoopEstimator train(int n, PleOptions options, Budget budget, long seed) {
        return train(n, options, budget, seed, step -> { });
    }

    /** {@link #train(int, PleOptions, Budget, long)}, calling {@code onStep} after each optimizer step. */
    public static LoopEstimator train(int n, PleOptions options, Budget budget, long seed, IntConsumer onStep) {
        GaussianFamily family = new GaussianFamily(1);
        HypernetEstimator est = HypernetEstimator.forFamily(family, HypernetConfig.of(1, 64, 64).withOuterNet(true));
        PleTrainer.Options train = new PleTrainer.Options(budget.steps(), budget.setsPerStep(), 1e-2, 1e-3, seed, 0.3);
        Params phi = new PleTrainer(new PleObjective(family, est, options), train)
                .train(est.initialParams(DType.FLOAT64, seed), sets(n), onStep).phi();
        return new LoopEstimator(label(options.weight()), est, phi, ModelReader.diagonalGaussian());
    }

    static DataSets sets(int n) {
        return DataSets.varyingGaussians(n, 1, MEAN_SPREAD, MIN_VARIANCE, MAX_VARIANCE);
    }

    static String label(double lambda) {
        return lambda == 0 ? "hyper (λ = 0)" : String.format(Locale.ROOT, "PLE λ = %s", trim(lambda));
    }

    /** Key fragment for λ: 0.1 → "0p1", 10 → "10". */
    static String key(double lambda) {
        return trim(lambda).replace('.', 'p');
    }

    /** 10.0 as "10", 0.25 as "0.25", 1e300 as "1.0E300" (a whole number as a long only where it fits exactly). */
    static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 0x1p53 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Mean of σ̂²/σ² over {@code sets} fresh sets of n draws of N(0, variance), with its standard error. */
    static double[] varianceRatio(Estimator<?> estimator, int n, double variance, int sets,
            long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        GaussianModel truth = GaussianModel.univariate(0, variance);
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < sets; s++) {
            double r = estimator.fit(truth.sample(n, rng), 1, rng).covariance()[0] / variance;
            sum += r;
            sumSq += r * r;
        }
        double mean = sum / sets;
        double se = Math.sqrt(Math.max(0, sumSq / sets - mean * mean) / (sets - 1));
        return new double[] {mean, se};
    }
}
