package org.equitrain.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.mutual.CohortTrainer;
import org.equitrain.mutual.MutualLoss;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.equitrain.tensor.Workspace;

/**
 * The cost of Rényi mutual learning: one {@link CohortTrainer} step of K MLPs 784-256-10 (α = 1.5, simultaneous,
 * batch 128, float32) against one plain cross-entropy step of a single MLP with the same optimizer. With no
 * overhead beyond the K networks the cohort step costs K single steps. The single step and the cohort steps are
 * sampled in turn ({@link Measurement#interleaved}), so their ratios compare the same stretch of machine time.
 */
public final class CohortStepBenchmark {
    private static final int BATCH = 128;

    private CohortStepBenchmark() {
    }

    /**
     * The single-model step followed by one cohort step per entry of {@code ks}, each reported per peer
     * (time / K).
     */
    public static Measurement[] run(int[] ks, double warmupSeconds, int samples) throws Exception {
        String[] names = new String[ks.length + 1];
        Measurement.Op[] ops = new Measurement.Op[ks.length + 1];
        names[0] = "single MLP 784-256-10 step, batch 128";
        ops[0] = single();
        for (int c = 0; c < ks.length; c++) {
            names[c + 1] = "RDML cohort step, K = " + ks[c] + " (per peer)";
            ops[c + 1] = cohort(ks[c]);
        }
        Measurement[] m = Measurement.interleaved(names, ops, warmupSeconds, samples, 300);
        for (int c = 0; c < ks.length; c++) {
            Measurement raw = m[c + 1];
            int k = ks[c];
            m[c + 1] = new Measurement(raw.name(), raw.medianNanosPerOp() / k, raw.minNanosPerOp() / k,
                    raw.maxNanosPerOp() / k, raw.samples(), raw.opsPerSample());
        }
        return m;
    }

    /** The single-model step: forward, cross-entropy, backward, Nesterov SGD, in a workspace scope as every step. */
    private static Measurement.Op single() {
        Module model = Mlp.of(784, 256, 10);
        Params params = Params.init(model, DType.FLOAT32, 1);
        Optimizer opt = CohortTrainer.defaultSgd(0.01);
        Var xv = Var.constant(input());
        int[] y = labels();
        List<Var> vars = params.vars();
        Workspace ws = new Workspace();
        return () -> {
            try (Workspace.Scope step = ws.enter()) { // as Trainer and CohortTrainer run a step
                Var loss = CrossEntropy.mean(model.forward(params, xv), y);
                opt.step(params, Grad.gradTensors(loss, vars));
            }
        };
    }

    /** One cohort step of {@code k} peers. */
    private static Measurement.Op cohort(int k) {
        List<CohortTrainer.Peer> peers = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Module m = Mlp.of(784, 256, 10);
            peers.add(new CohortTrainer.Peer(m, Params.init(m, DType.FLOAT32, 1 + i), CohortTrainer.defaultSgd(0.01)));
        }
        CohortTrainer trainer = CohortTrainer.builder(peers, MutualLoss.of(1.5)).build();
        Tensor x = input();
        int[] y = labels();
        return () -> trainer.step(x, y, 0);
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
