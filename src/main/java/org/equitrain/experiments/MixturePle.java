package org.equitrain.experiments;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.equitrain.autophagy.GaussianMixtureModel;
import org.equitrain.autophagy.GaussianModel;
import org.equitrain.autophagy.hypernet.HypernetConfig;
import org.equitrain.autophagy.ple.DataSets;
import org.equitrain.autophagy.ple.HypernetEstimator;
import org.equitrain.autophagy.ple.LoopEstimator;
import org.equitrain.autophagy.ple.MixtureFamily;
import org.equitrain.autophagy.ple.ModelReader;
import org.equitrain.autophagy.ple.PleObjective;
import org.equitrain.autophagy.ple.PleOptions;
import org.equitrain.autophagy.ple.PleTrainer;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * The learned two-component 1-D mixture estimators of the PLE experiments. The truth is torchhyper's GMM config
 * (spec §6: 0.8 N(0, 1) + 0.2 N(2, 1)). Training sets [choice, as in ple-bias]: each set of n draws comes from its
 * own mixture around that config — minority weight U(0.1, 0.35), majority mean U(−0.5, 0.5), separation U(1.5, 3),
 * variances log-uniform on [0.5, 2] — so H must read its set. Hypernetwork: encoder 1-64-64, outer net, dense heads;
 * debiased penalty, M = 2, ñ = n.
 */
public final class MixturePle {
    private MixturePle() {
    }

    /** 0.8 N(0, 1) + 0.2 N(2, 1). */
    public static GaussianMixtureModel truth() {
        return new GaussianMixtureModel(new double[] {0.8, 0.2},
                List.of(GaussianModel.univariate(0, 1), GaussianModel.univariate(2, 1)));
    }

    /**
     * Trains H_φ for a two-component 1-D family (arg-max or straight-through Gumbel sampling) on sets of size n with
     * the PLE objective {@code options} (λ = 0: the plain hypernetwork) and freezes it; {@code onStep} is called
     * after each optimizer step.
     */
    public static LoopEstimator train(MixtureFamily family, int n, PleOptions options, GaussianPle.Budget budget,
            long seed, IntConsumer onStep) {
        HypernetEstimator est = HypernetEstimator.forFamily(family, HypernetConfig.of(1, 64, 64).withOuterNet(true));
        PleTrainer.Options train = new PleTrainer.Options(budget.steps(), budget.setsPerStep(), 1e-2, 1e-3, seed, 0.3);
        Params phi = new PleTrainer(new PleObjective(family, est, options), train)
                .train(est.initialParams(DType.FLOAT64, seed), sets(n), onStep).phi();
        return new LoopEstimator(GaussianPle.label(options.weight()), est, phi, ModelReader.diagonalMixture());
    }

    /** Sets of n draws, each from its own two-component mixture (see the class comment). */
    static DataSets sets(int n) {
        return rng -> {
            double minority = 0.1 + 0.25 * rng.nextDouble();
            double m0 = rng.nextDouble() - 0.5;
            double m1 = m0 + 1.5 + 1.5 * rng.nextDouble();
            double v0 = logUniform(rng, 0.5, 2);
            double v1 = logUniform(rng, 0.5, 2);
            GaussianMixtureModel mix = new GaussianMixtureModel(new double[] {1 - minority, minority},
                    List.of(GaussianModel.univariate(m0, v0), GaussianModel.univariate(m1, v1)));
            return Tensor.wrap(mix.sample(n, rng), n, 1);
        };
    }

    private static double logUniform(SplittableRandom rng, double lo, double hi) {
        return Math.exp(Math.log(lo) + rng.nextDouble() * Math.log(hi / lo));
    }
}
