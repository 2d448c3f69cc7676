package org.equitrain.bench.jmh;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.nn.optim.Sgd;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of an MLP 784-256-10 (float32, batch 128, softmax cross-entropy, SGD momentum 0.9) in equitrain;
 * {@code LibtorchMlpStep} measures the same step in libtorch for the ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MlpStepJmh {
    private final Module model = Mlp.of(784, 256, 10);
    private Params params;
    private List<Var> vars;
    private Var x;
    private int[] labels;
    private Optimizer opt;

    @Setup
    public void setup() {
        params = Params.init(model, DType.FLOAT32, 1);
        vars = params.vars();
        SplittableRandom rng = new SplittableRandom(2);
        x = Var.constant(Tensor.randn(DType.FLOAT32, rng, 128, 784));
        labels = new int[128];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(10);
        }
        opt = new Sgd(Sgd.Config.of(0.01).withMomentum(0.9));
    }

    @Benchmark
    public void equitrainStep() {
        Var loss = CrossEntropy.of(model.forward(params, x), labels).mean();
        opt.step(params, Grad.gradTensors(loss, vars));
    }
}
