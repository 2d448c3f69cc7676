package org.equitrain.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.hypernet.HypernetConfig;
import org.equitrain.autophagy.ple.AffineFlowFamily;
import org.equitrain.autophagy.ple.Estimate;
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

    /**
     * MLE through H (λ = 0), then PLE (λ = 0.1) with each of {@code draws} synthetic draws (debiased penalty, plain
     * for M = 1), then for each M a control: the MLE step on 1 + M constant sets at once (the NLLs summed), which is
     * PLE's hypernetwork arithmetic without sampling, penalty or input gradients. Samples are taken in turn; each
     * step runs in a workspace scope, as a training loop runs it.
     */
    public static Measurement[] run(int[] draws, double warmupSeconds, int samples) throws Exception {
        int n = draws.length;
        String[] names = new String[2 * n + 1];
        Measurement.Op[] ops = new Measurement.Op[2 * n + 1];
        names[0] = "MLE through H (λ = 0)";
        ops[0] = step(0, 0);
        for (int k = 0; k < n; k++) {
            names[k + 1] = "PLE λ = 0.1, M = " + draws[k];
            ops[k + 1] = step(0.1, draws[k]);
            names[n + k + 1] = "MLE through H on " + (1 + draws[k]) + " constant sets";
            ops[n + k + 1] = passes(1 + draws[k]);
        }
        return Measurement.interleaved(names, ops, warmupSeconds, samples, 300);
    }

    /** One Adam step on the summed mean NLLs of {@code sets} constant data sets, each through H. */
    private static Measurement.Op passes(int sets) {
        Fixture f = Fixture.create();
        SplittableRandom rng = new SplittableRandom(3);
        List<Var> data = new ArrayList<>();
        for (int s = 0; s < sets; s++) {
            data.add(Var.constant(Tensor.randn(DType.FLOAT64, rng, BATCH, DIM)));
        }
        return f.step(() -> {
            Function<Var, Estimate> h = f.est().bind(f.phi());
            Var total = null;
            for (Var x : data) {
                Var nll = f.family().meanNll(h.apply(x).constrained(), x);
                total = total == null ? nll : Ops.add(total, nll);
            }
            return total;
        });
    }

    /** A step of the objective with weight λ and M synthetic draws. */
    private static Measurement.Op step(double lambda, int draws) {
        Fixture f = Fixture.create();
        PleOptions options = PleOptions.defaults().withWeight(lambda);
        if (lambda > 0) {
            options = options.withPenalty(draws >= 2 ? options.penalty() : PlePenalty.Kind.PLAIN, draws);
        }
        PleObjective objective = new PleObjective(f.family(), f.est(), options);
        SplittableRandom rng = new SplittableRandom(3);
        Var x = Var.constant(Tensor.randn(DType.FLOAT64, rng, BATCH, DIM));
        return f.step(() -> objective.evaluate(f.phi(), x, rng).total());
    }

    /** The benchmarked model: the affine flow, H with encoder 64-128-256, its parameters φ and Adam on them. */
    private record Fixture(AffineFlowFamily family, HypernetEstimator est, Params phi, List<Var> leaves, Adam adam) {
        static Fixture create() {
            AffineFlowFamily family = new AffineFlowFamily(DIM);
            HypernetEstimator est = HypernetEstimator.forFamily(family, HypernetConfig.of(DIM, 64, 128, 256));
            Params phi = est.initialParams(DType.FLOAT64, 1);
            return new Fixture(family, est, phi, phi.vars(), Adam.adam(5e-4));
        }

        /** An Adam step on the loss, in a workspace scope as a training loop runs it. */
        Measurement.Op step(Supplier<Var> loss) {
            return Measurement.inWorkspace(() -> adam.step(phi, Grad.gradTensors(loss.get(), leaves)));
        }
    }
}
