package org.equitrain.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.mutual.CohortTrainer;
import org.equitrain.mutual.CrossEntropy;
import org.equitrain.mutual.MutualLoss;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * The cost of Rényi mutual learning: one {@link CohortTrainer} step of K MLPs 784-256-10 (α = 1.5, simultaneous,
 * batch 128, float32) against one plain cross-entropy step of a single MLP with the same optimizer. With no
 * overhead beyond the K networks the cohort step costs K single steps.
 */
public final class CohortStepBenchmark {
    private static final int BATCH = 128;

    private CohortStepBenchmark() {
    }

    /** The single-model step: forward, cross-entropy, backward, Nesterov SGD. */
    public static Measurement single(double warmupSeconds, int samples) throws Exception {
        Module model = Mlp.of(784, 256, 10);
        Params params = Params.init(model, DType.FLOAT32, 1);
        Optimizer opt = CohortTrainer.defaultSgd(0.01);
        Tensor x = input();
        int[] y = labels();
        Var xv = Var.constant(x);
        List<Var> vars = params.vars();
        return Measurement.of("single MLP 784-256-10 step, batch 128", () -> {
            Var loss = CrossEntropy.mean(model.forward(params, xv), y);
            opt.step(params, Grad.gradTensors(loss, vars));
        }, warmupSeconds, samples, 300);
    }

    /** One cohort step of {@code k} peers, reported per peer (time / K). */
    public static Measurement cohortPerPeer(int k, double warmupSeconds, int samples) throws Exception {
        List<CohortTrainer.Peer> peers = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Module m = Mlp.of(784, 256, 10);
            peers.add(new CohortTrainer.Peer(m, Params.init(m, DType.FLOAT32, 1 + i), CohortTrainer.defaultSgd(0.01)));
        }
        CohortTrainer trainer = CohortTrainer.builder(peers, MutualLoss.of(1.5)).build();
        Tensor x = input();
        int[] y = labels();
        Measurement m = Measurement.of("RDML cohort step, K = " + k, () -> trainer.step(x, y, 0), warmupSeconds,
                samples, 300);
        return new Measurement(m.name() + " (per peer)", m.medianNanosPerOp() / k, m.minNanosPerOp() / k,
                m.maxNanosPerOp() / k, m.samples(), m.opsPerSample());
    }

    private static Tensor input() {
        return Tensor.randn(DType.FLOAT32, new SplittableRandom(2), BATCH, 784);
    }

    private static int[] labels() {
        SplittableRandom rng = new SplittableRandom(3);
        int[] y = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            y[i] = rng.nextInt(10);
        }
        return y;
    }
}
