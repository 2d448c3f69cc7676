package org.equitrain.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.data.Rows;
import org.equitrain.fairness.FormlOptions;
import org.equitrain.fairness.FormlTrainer;
import org.equitrain.fairness.GroupedData;
import org.equitrain.fairness.MetaGradient;
import org.equitrain.fairness.ReweightedTraining;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.nn.optim.Sgd;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * FORML's cost (forml.md §7) on one MLP and batch in float64: a plain ERM step (forward, mean loss, backward, SGD),
 * a FORML step (signals, virtual step, held-out meta-gradient, factorised dot products, weight update, real step
 * from the signals), timed in alternating samples, and the naive meta-gradient that takes B single-example backward
 * passes instead.
 */
public final class FormlStepBenchmarks {
    /** The three timings of one configuration. */
    public record Result(Measurement erm, Measurement forml, Measurement naive) {
    }

    private FormlStepBenchmarks() {
    }

    /** MLP {@code widths} at training batch {@code batch} and held-out batch {@code heldOutBatch}. */
    public static Result run(String label, int[] widths, int batch, int heldOutBatch, double warmupSeconds,
            int samples) throws Exception {
        Module model = Mlp.of(widths);
        int classes = widths[widths.length - 1];
        GroupedData train = data(batch, widths[0], classes, 1);
        GroupedData heldOut = data(heldOutBatch, widths[0], classes, 2);
        int[] rows = new int[batch];
        for (int i = 0; i < batch; i++) {
            rows[i] = i;
        }
        ReweightedTraining.Config config = ReweightedTraining.Config.defaults().withLr(0.01).withBatchSize(batch);

        Params params = Params.init(model, DType.FLOAT64, 1);
        Optimizer opt = new Sgd(Sgd.Config.of(0.01).withMomentum(0.9).withWeightDecay(5e-4));
        Var x = Var.constant(train.x());
        Measurement.Op ermStep = Measurement.inWorkspace(() -> opt.step(params, Grad.gradTensors(
                CrossEntropy.of(model.forward(params, x), train.y()).mean(), params.vars())));
        ReweightedTraining forml = new ReweightedTraining(model, train, new FormlTrainer(heldOut,
                FormlOptions.defaults().withHeldOutBatch(heldOutBatch)), config);
        Measurement[] pair = Measurement.interleaved(new String[] {label + " ERM step", label + " FORML step"},
                new Measurement.Op[] {ermStep, () -> forml.step(rows)}, warmupSeconds, samples, 200);
        Measurement erm = pair[0];
        Measurement f = pair[1];

        Params naiveParams = Params.init(model, DType.FLOAT64, 1);
        Optimizer naiveOpt = new Sgd(Sgd.Config.of(0.01).withMomentum(0.9).withWeightDecay(5e-4));
        Measurement naive = Measurement.of(label + " naive meta-gradient step", () -> naiveStep(model, naiveParams,
                naiveOpt, train, heldOut), warmupSeconds, Math.max(3, samples / 3), 200);
        return new Result(erm, f, naive);
    }

    /** The meta-gradient from B single-example backward passes: ⟨G_m, g_i⟩ with every g_i formed, then the step. */
    private static void naiveStep(Module model, Params params, Optimizer opt, GroupedData train, GroupedData heldOut) {
        Map<String, Tensor> theta = new java.util.LinkedHashMap<>();
        for (int k = 0; k < params.names().size(); k++) {
            theta.put(params.names().get(k), params.tensors().get(k));
        }
        List<Tensor> gm = new ArrayList<>(MetaGradient.heldOutGradient(model, theta, heldOut,
                FormlOptions.defaults().objective(), 1).values());
        List<Tensor> step = null;
        int n = train.size();
        for (int i = 0; i < n; i++) {
            int[] one = {i};
            List<Tensor> g = Grad.gradTensors(CrossEntropy.of(model.forward(params,
                    Var.constant(Rows.select(train.x(), one))), Rows.pick(train.y(), one)).sum(), params.vars());
            double dot = 0;
            for (int k = 0; k < g.size(); k++) {
                double[] a = g.get(k).doubles();
                double[] b = gm.get(k).doubles();
                for (int j = 0; j < a.length; j++) {
                    dot += a[j] * b[j];
                }
            }
            double w = Math.max(0, 1 + dot) / n;
            if (step == null) {
                step = new ArrayList<>();
                for (Tensor t : g) {
                    Tensor s = Tensor.zeros(t.dtype(), t.shape());
                    s.axpyInPlace(w, t);
                    step.add(s);
                }
            } else {
                for (int k = 0; k < g.size(); k++) {
                    step.get(k).axpyInPlace(w, g.get(k));
                }
            }
        }
        opt.step(params, step);
    }

    private static GroupedData data(int n, int d, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] y = new int[n];
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            g[i] = (i / classes) % 2;
        }
        return new GroupedData(Tensor.randn(DType.FLOAT64, rng, n, d), y, g, List.of("a", "b"), 1, classes);
    }
}
