package org.equitrain.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.mutual.CohortTrainer;
import org.equitrain.mutual.MutualLoss;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * The cost of Rényi mutual learning: one {@link CohortTrainer} step of K peers (α = 1.5, simultaneous, batch 128 of
 * MNIST-sized inputs, float32) against one plain cross-entropy step of a single peer with the same optimizer, for
 * the two models of the RDML experiments (renyi-dml.md §6): MLP 784-256-10 and LeNet-5. With no
 * overhead beyond the K networks the cohort step costs K single steps. For reference, K independent models stepped
 * in turn (no mutual term) show what holding K models costs by itself, e.g. in cache. All steps are sampled in turn
 * ({@link Measurement#interleaved}), so their ratios compare the same stretch of machine time.
 */
public final class CohortStepBenchmark {
    private static final int BATCH = 128;

    private CohortStepBenchmark() {
    }

    /**
     * The single-model step, one cohort step per entry of {@code ks}, and {@code max(ks)} independent models stepped in
     * turn; all but the first reported per model (time / K).
     */
    public static Measurement[] run(String modelName, Supplier<Module> model, int[] ks, double warmupSeconds,
            int samples) throws Exception {
        int last = ks.length + 1;
        int kMax = Arrays.stream(ks).max().orElseThrow();
        String[] names = new String[last + 1];
        Measurement.Op[] ops = new Measurement.Op[last + 1];
        int[] per = new int[last + 1];
        names[0] = "single " + modelName + " step, batch 128";
        ops[0] = independent(model, 1);
        per[0] = 1;
        for (int c = 0; c < ks.length; c++) {
            names[c + 1] = "RDML cohort step of " + modelName + ", K = " + ks[c] + " (per peer)";
            ops[c + 1] = cohort(model, ks[c]);
            per[c + 1] = ks[c];
        }
        names[last] = kMax + " independent models stepped in turn (per model)";
        ops[last] = independent(model, kMax);
        per[last] = kMax;
        Measurement[] m = Measurement.interleaved(names, ops, warmupSeconds, samples, 300);
        for (int c = 1; c <= last; c++) {
            Measurement raw = m[c];
            m[c] = new Measurement(raw.name(), raw.medianNanosPerOp() / per[c], raw.minNanosPerOp() / per[c],
                    raw.maxNanosPerOp() / per[c], raw.samples(), raw.opsPerSample());
        }
        return m;
    }

    /**
     * {@code k} plain models (forward, cross-entropy, backward, Nesterov SGD) stepped in the cohort's order, in a
     * workspace scope as every training step; k = 1 is the single-model step.
     */
    private static Measurement.Op independent(Supplier<Module> model, int k) {
        List<Module> models = new ArrayList<>();
        List<Params> params = new ArrayList<>();
        List<Optimizer> opts = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            models.add(model.get());
            params.add(Params.init(models.get(i), DType.FLOAT32, 1 + i));
            opts.add(CohortTrainer.defaultSgd(0.01));
        }
        Var xv = Var.constant(input());
        int[] y = labels();
        return Measurement.inWorkspace(() -> {
            List<Var> losses = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                losses.add(CrossEntropy.mean(models.get(i).forward(params.get(i), xv), y));
            }
            for (int i = k - 1; i >= 0; i--) {
                opts.get(i).step(params.get(i), Grad.gradTensors(losses.get(i), params.get(i).vars()));
            }
        });
    }

    /** One cohort step of {@code k} peers. */
    private static Measurement.Op cohort(Supplier<Module> model, int k) {
        List<CohortTrainer.Peer> peers = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Module m = model.get();
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
