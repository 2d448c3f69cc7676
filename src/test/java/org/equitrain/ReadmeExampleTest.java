package org.equitrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.autodiff.perexample.LayerSignals;
import org.equitrain.autodiff.perexample.PerExampleDotProducts;
import org.equitrain.fairness.metrics.FrameInput;
import org.equitrain.fairness.metrics.MetricFrame;
import org.equitrain.fairness.metrics.RateMetrics;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.optim.Adam;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The library snippet of the README, line for line, so it keeps compiling and doing what it says. */
class ReadmeExampleTest {

    @Test
    void readmeSnippetRuns() {
        SplittableRandom rng = new SplittableRandom(1);
        Var x = Var.constant(Tensor.randn(DType.FLOAT32, rng, 8, 784));
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 7};

        Module model = Mlp.of(784, 256, 10);
        Params params = Params.init(model, DType.FLOAT32, 42);
        Optimizer opt = Adam.adam(1e-3);
        Var loss = CrossEntropy.of(model.forward(params, x), labels).mean();
        opt.step(params, Grad.gradTensors(loss, params.vars()));
        assertEquals(1, opt.steps());

        Map<String, Tensor> direction = new LinkedHashMap<>();
        params.asMap().forEach((name, v) -> direction.put(name, Tensor.ones(DType.FLOAT32, v.shape().dims())));
        Var summed = CrossEntropy.of(model.forward(params, x), labels).sum();
        LayerSignals signals = LayerSignals.of(summed, params.asMap());
        Tensor dots = PerExampleDotProducts.compute(signals, direction);
        assertEquals(8, dots.size());

        int[] y = {1, 1, 0, 1, 1, 0};
        int[] yHat = {1, 0, 0, 1, 1, 1};
        String[] race = {"a", "a", "a", "b", "b", "b"};
        FrameInput input = FrameInput.builder().yTrue(y).yPred(yHat).sensitive("race", race).build();
        MetricFrame frame = MetricFrame.of(input, Map.of("tpr", RateMetrics.TRUE_POSITIVE_RATE));
        assertEquals(2, frame.byGroup("tpr").size());
        double gap = frame.difference("tpr").value();
        assertEquals(0.5, gap, 1e-12); // TPR a = 1/2, b = 2/2
        assertTrue(Double.isFinite(gap));
    }
}
