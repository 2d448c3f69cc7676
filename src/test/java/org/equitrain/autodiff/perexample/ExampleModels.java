package org.equitrain.autodiff.perexample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Conv;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Pool;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Activation;
import org.equitrain.nn.Context;
import org.equitrain.nn.Conv2d;
import org.equitrain.nn.Init;
import org.equitrain.nn.Linear;
import org.equitrain.nn.Module;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;
import org.equitrain.nn.Sequential;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * The models, data and single-example oracles shared by the per-example tests: an MLP (one layer without bias)
 * and a small CNN (conv with and without bias, max and average pooling, a dense head), and the reference results
 * computed by looping over examples with one backward pass each.
 */
final class ExampleModels {
    static final int BATCH = 5;

    private ExampleModels() {
    }

    /** 5 → 7 → 6 (no bias) → 4 with tanh. */
    static Module mlp() {
        return new Sequential(new Linear(5, 7), Activation.tanh(), new Linear(7, 6, false), Activation.tanh(),
                new Linear(6, 4));
    }

    /**
     * [B, 2, 8, 8] → conv 3@3×3 pad 1 → ReLU → max-pool 2 → conv 4@3×3 stride 2 pad 1 (no bias) → tanh →
     * avg-pool 2 → fc 3.
     */
    static Module cnn() {
        return new Module() {
            private final Conv2d conv1 = new Conv2d(2, 3, 3, 1, 1);
            private final Linear fc = new Linear(4, 3);

            @Override
            public List<ParamSpec> paramSpecs() {
                return List.of(conv1.paramSpecs().get(0).prefixed("conv1"),
                        conv1.paramSpecs().get(1).prefixed("conv1"),
                        new ParamSpec("conv2.weight", new int[] {4, 3, 3, 3}, Init.uniformFanIn(27)),
                        fc.paramSpecs().get(0).prefixed("fc"), fc.paramSpecs().get(1).prefixed("fc"));
            }

            @Override
            public Var forward(Params p, Var x, Context ctx) {
                Var h = Pool.maxPool2d(Activations.relu(conv1.forward(p.scope("conv1"), x, ctx)), 2, 2);
                h = Activations.tanh(Conv.conv2d(h, p.get("conv2.weight"), null, 2, 1));
                h = Pool.avgPool2d(h, 2, 2);
                return fc.forward(p.scope("fc"), Ops.reshape(h, h.dim(0), -1), ctx);
            }
        };
    }

    static Tensor mlpInputs(long seed) {
        return Tensor.randn(DType.FLOAT64, new SplittableRandom(seed), BATCH, 5);
    }

    static Tensor cnnInputs(long seed) {
        return Tensor.randn(DType.FLOAT64, new SplittableRandom(seed), BATCH, 2, 8, 8);
    }

    /** One-hot labels [B, k]. */
    static Tensor oneHot(long seed, int k) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor y = Tensor.zeros(DType.FLOAT64, BATCH, k);
        for (int b = 0; b < BATCH; b++) {
            y.set(1, b, rng.nextInt(k));
        }
        return y;
    }

    /** Summed softmax cross-entropy {@code Σ_b −⟨y_b, log softmax(f_b)⟩}. */
    static Var crossEntropy(Var logits, Tensor y) {
        return Ops.neg(Ops.sum(Ops.mul(Activations.logSoftmax(logits, 1), Var.constant(y))));
    }

    /** Example b of a batch tensor, keeping a leading axis of 1. */
    static Tensor example(Tensor t, int b) {
        int[] dims = t.dims();
        int n = t.size() / dims[0];
        double[] row = new double[n];
        System.arraycopy(t.doubles(), b * n, row, 0, n);
        dims[0] = 1;
        return Tensor.wrap(row, dims);
    }

    /** The oracle: per-example gradients [B, ...] of {@code loss(model(x_b), y_b)}, one backward pass per example. */
    static Map<String, Tensor> loopGradients(Module model, Params p, Tensor x, Tensor y, BiFunction<Var, Tensor, Var> loss) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : p.names()) {
            int[] shape = p.get(name).shape().dims();
            int[] dims = new int[shape.length + 1];
            dims[0] = BATCH;
            System.arraycopy(shape, 0, dims, 1, shape.length);
            out.put(name, Tensor.zeros(DType.FLOAT64, dims));
        }
        for (int b = 0; b < BATCH; b++) {
            Var lb = loss.apply(model.forward(p, Var.constant(example(x, b))), example(y, b));
            List<Tensor> g = Grad.gradTensors(lb, p.vars());
            for (int i = 0; i < g.size(); i++) {
                Tensor dst = out.get(p.names().get(i));
                System.arraycopy(g.get(i).doubles(), 0, dst.doubles(), b * g.get(i).size(), g.get(i).size());
            }
        }
        return out;
    }

    /** Per-example Jacobians [B, K, ...] of the model output, K backward passes per example. */
    static Map<String, Tensor> loopJacobians(Module model, Params p, Tensor x, int k) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int r = 0; r < k; r++) {
            int row = r;
            Map<String, Tensor> g = loopGradients(model, p, x, x, (f, unused) -> Ops.sum(Ops.mul(f,
                    Var.constant(unitRow(k, row)))));
            for (String name : p.names()) {
                Tensor gr = g.get(name);
                int n = gr.size() / BATCH;
                Tensor j = out.computeIfAbsent(name, key -> {
                    int[] d = gr.dims();
                    int[] dims = new int[d.length + 1];
                    dims[0] = BATCH;
                    dims[1] = k;
                    System.arraycopy(d, 1, dims, 2, d.length - 1);
                    return Tensor.zeros(DType.FLOAT64, dims);
                });
                for (int b = 0; b < BATCH; b++) {
                    System.arraycopy(gr.doubles(), b * n, j.doubles(), (b * k + row) * n, n);
                }
            }
        }
        return out;
    }

    private static Tensor unitRow(int k, int r) {
        Tensor e = Tensor.zeros(DType.FLOAT64, 1, k);
        e.set(1, 0, r);
        return e;
    }

    /** Max absolute difference relative to the largest reference magnitude (at least 1e-300). */
    static void assertRelativeClose(Tensor expected, Tensor actual, double tol, String what) {
        assertArrayEquals(expected.dims(), actual.dims(), what + " shape");
        double scale = 1e-300;
        double err = 0;
        for (int i = 0; i < expected.size(); i++) {
            scale = Math.max(scale, Math.abs(expected.getFlat(i)));
            err = Math.max(err, Math.abs(expected.getFlat(i) - actual.getFlat(i)));
        }
        assertTrue(err <= tol * scale, what + ": max error " + err + " relative to " + scale);
    }

    static void assertRelativeClose(Map<String, Tensor> expected, Map<String, Tensor> actual, double tol) {
        assertArrayEquals(expected.keySet().toArray(), actual.keySet().toArray());
        for (String name : expected.keySet()) {
            assertRelativeClose(expected.get(name), actual.get(name), tol, name);
        }
    }
}
