package org.equitrain.cli.bench;

import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.Sequential;
import org.equitrain.nn.Linear;
import org.equitrain.nn.losses.BinaryCrossEntropy;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.nn.optim.Sgd;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * One full training step (forward, loss, backward, SGD update) of the models the issues name: an MLP 784-256-10
 * with softmax cross-entropy at batch 128 (anchor: the same step in libtorch via DJL, see {@link ExternalAnchor}),
 * and logistic regression on 14 features at batch 64.
 */
public final class TrainingStepBenchmarks {
    private TrainingStepBenchmarks() {
    }

    /** An MLP 784-256-10 float32 step at batch 128 on fixed random data, SGD lr 0.01 momentum 0.9. */
    public static Measurement mlpStep(double warmupSeconds, int samples) throws Exception {
        return classifierStep("equitrain MLP 784-256-10 step, batch 128", Mlp.of(784, 256, 10), 784, 10, 128,
                warmupSeconds, samples);
    }

    /** Logistic regression (14 features) float64 step at batch 64: Linear(14, 1) with sigmoid cross-entropy. */
    public static Measurement logisticStep(double warmupSeconds, int samples) throws Exception {
        Module model = new Sequential(new Linear(14, 1));
        Params params = Params.init(model, DType.FLOAT64, 1);
        SplittableRandom rng = new SplittableRandom(2);
        Var x = Var.constant(Tensor.randn(DType.FLOAT64, rng, 64, 14));
        Tensor y = Tensor.zeros(DType.FLOAT64, 64, 1);
        for (int i = 0; i < 64; i++) {
            y.setFlat(i, rng.nextInt(2));
        }
        Var target = Var.constant(y);
        Optimizer opt = new Sgd(Sgd.Config.of(0.01).withMomentum(0.9));
        List<Var> vars = params.vars();
        return Measurement.of("equitrain logistic regression step, 14 features, batch 64", () -> {
            Var loss = BinaryCrossEntropy.withLogits(model.forward(params, x), target).mean();
            opt.step(params, Grad.gradTensors(loss, vars));
        }, warmupSeconds, samples, 200);
    }

    static Measurement classifierStep(String name, Module model, int inputs, int classes, int batch,
            double warmupSeconds, int samples) throws Exception {
        Params params = Params.init(model, DType.FLOAT32, 1);
        SplittableRandom rng = new SplittableRandom(2);
        Var x = Var.constant(Tensor.randn(DType.FLOAT32, rng, batch, inputs));
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(classes);
        }
        Optimizer opt = new Sgd(Sgd.Config.of(0.01).withMomentum(0.9));
        List<Var> vars = params.vars();
        return Measurement.of(name, () -> {
            Var loss = CrossEntropy.of(model.forward(params, x), labels).mean();
            opt.step(params, Grad.gradTensors(loss, vars));
        }, warmupSeconds, samples, 300);
    }
}
