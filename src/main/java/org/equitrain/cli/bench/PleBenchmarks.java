package org.equitrain.cli.bench;

import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.hypernet.HypernetConfig;
import org.equitrain.autophagy.ple.AffineFlowFamily;
import org.equitrain.autophagy.ple.HypernetEstimator;
import org.equitrain.autophagy.ple.PleObjective;
import org.equitrain.autophagy.ple.PleOptions;
import org.equitrain.autophagy.ple.PlePenalty;
import org.equitrain.nn.Params;
import org.equitrain.nn.optim.Adam;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * One PLE training step against maximum likelihood through the same hypernetwork and model (λ = 0), on torchhyper's
 * affine-flow config (spec §6: 12-D Gaussian data, affine flow, encoder 64-128-256, batch 2048, float64 here).
 * Steps per epoch are the same for both, so the step-time ratio is the per-epoch cost ratio; PLE adds M synthetic
 * sets of ñ = B samples, each pushed through H again.
 */
public final class PleBenchmarks {
    static final int DIM = 12;
    static final int BATCH = 2048;

    private PleBenchmarks() {
    }

    /** A step of the objective with weight λ (0: MLE through H) and M synthetic draws (debiased penalty). */
    public static Measurement step(double lambda, int draws, double warmupSeconds, int samples) throws Exception {
        AffineFlowFamily family = new AffineFlowFamily(DIM);
        HypernetEstimator est = HypernetEstimator.forFamily(family, HypernetConfig.of(DIM, 64, 128, 256));
        PleOptions options = PleOptions.defaults().withWeight(lambda);
        if (lambda > 0) {
            options = options.withPenalty(draws >= 2 ? options.penalty() : PlePenalty.Kind.PLAIN, draws);
        }
        PleObjective objective = new PleObjective(family, est, options);
        Params phi = est.initialParams(DType.FLOAT64, 1);
        List<Var> leaves = phi.vars();
        SplittableRandom rng = new SplittableRandom(3);
        Tensor data = Tensor.randn(DType.FLOAT64, rng, BATCH, DIM);
        Var x = Var.constant(data);
        Adam adam = Adam.adam(5e-4);
        String name = lambda == 0 ? "MLE through H (λ = 0)" : "PLE λ = " + lambda + ", M = " + draws;
        return Measurement.of(name, () -> {
            PleObjective.Terms t = objective.evaluate(phi, x, rng);
            adam.step(phi, Grad.gradTensors(t.total(), leaves));
        }, warmupSeconds, samples, 300);
    }
}
