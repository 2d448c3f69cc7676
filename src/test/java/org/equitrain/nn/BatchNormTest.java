package org.equitrain.nn;

import static org.equitrain.autodiff.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.GradCheck;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BatchNormTest {

    private static Context train(Map<String, Tensor> buffers) {
        return Context.train(new SplittableRandom(1), buffers);
    }

    private static Params affine(Tensor weight, Tensor bias) {
        return Params.fromTensors(Map.of("weight", weight, "bias", bias));
    }

    @Test
    void gradientsInTrainingMode1d() {
        BatchNorm bn = new BatchNorm(3);
        Map<String, Tensor> buffers = new HashMap<>();
        GradCheck.check(v -> bn.forward(Params.of(Map.of("weight", v.get(1), "bias", v.get(2))), v.get(0),
                train(buffers)), List.of(randn(1, 5, 3), randn(2, 3), randn(3, 3)), 1e-6);
    }

    @Test
    void gradientsInTrainingMode2d() {
        BatchNorm bn = new BatchNorm(2);
        Map<String, Tensor> buffers = new HashMap<>();
        GradCheck.check(v -> bn.forward(Params.of(Map.of("weight", v.get(1), "bias", v.get(2))), v.get(0),
                train(buffers)), List.of(randn(4, 3, 2, 2, 3), randn(5, 2), randn(6, 2)), 1e-6);
    }

    @Test
    void trainingNormalisesEachChannelWithBatchStatistics() {
        Tensor x = randn(7, 4, 3, 2, 5);
        Tensor w = randn(8, 3);
        Tensor b = randn(9, 3);
        Tensor y = new BatchNorm(3).forward(affine(w, b), Var.constant(x), train(new HashMap<>())).value();
        for (int c = 0; c < 3; c++) {
            double[] stats = channelStats(x, c);
            for (int i = 0; i < 4; i++) {
                for (int k = 0; k < 10; k++) {
                    double expected = (x.get(i, c, k / 5, k % 5) - stats[0]) / Math.sqrt(stats[1] + 1e-5)
                            * w.getFlat(c) + b.getFlat(c);
                    assertEquals(expected, y.get(i, c, k / 5, k % 5), 1e-12);
                }
            }
        }
    }

    @Test
    void runningStatisticsFollowPyTorchMomentumAndUnbiasedVariance() {
        BatchNorm bn = new BatchNorm(3);
        Map<String, Tensor> buffers = new HashMap<>();
        Params p = Params.init(bn, DType.FLOAT64, 1);
        Tensor x1 = randn(11, 6, 3, 2, 2);
        Tensor x2 = randn(12, 6, 3, 2, 2);
        bn.forward(p, Var.constant(x1), train(buffers));
        bn.forward(p, Var.constant(x2), train(buffers));
        for (int c = 0; c < 3; c++) {
            double[] s1 = channelStats(x1, c);
            double[] s2 = channelStats(x2, c);
            double n = 24;
            double mean = 0.9 * (0.9 * 0 + 0.1 * s1[0]) + 0.1 * s2[0];
            double var = 0.9 * (0.9 * 1 + 0.1 * s1[1] * n / (n - 1)) + 0.1 * s2[1] * n / (n - 1);
            assertEquals(mean, buffers.get("running_mean").getFlat(c), 1e-14);
            assertEquals(var, buffers.get("running_var").getFlat(c), 1e-14);
        }
    }

    @Test
    void evaluationUsesRunningStatisticsNamedAfterTheLayer() {
        Sequential model = new Sequential(new Linear(4, 3), new BatchNorm(3));
        Params p = Params.init(model, DType.FLOAT64, 3);
        Map<String, Tensor> buffers = new HashMap<>();
        model.forward(p, Var.constant(randn(13, 8, 4)), train(buffers));
        assertEquals(List.of("1.running_mean", "1.running_var"), buffers.keySet().stream().sorted().toList());

        Tensor x = randn(14, 2, 4);
        Tensor h = new Linear(4, 3).forward(p.scope("0"), Var.constant(x)).value();
        Tensor y = model.forward(p, Var.constant(x), Context.eval(buffers)).value();
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 3; c++) {
                double expected = (h.get(i, c) - buffers.get("1.running_mean").getFlat(c))
                        / Math.sqrt(buffers.get("1.running_var").getFlat(c) + 1e-5);
                assertEquals(expected, y.get(i, c), 1e-12);
            }
        }
    }

    @Test
    void aFloat32ModelStaysFloat32WithBuffersSavedInFloat64() {
        BatchNorm bn = new BatchNorm(2);
        Params p = Params.init(bn, DType.FLOAT32, 0);
        Map<String, Tensor> buffers = new HashMap<>();
        buffers.put(BatchNorm.RUNNING_MEAN, Tensor.vector(0.5, -1));
        buffers.put(BatchNorm.RUNNING_VAR, Tensor.vector(4, 0.25));
        Tensor y = bn.forward(p, Var.constant(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).to(DType.FLOAT32)),
                Context.eval(buffers)).value();
        assertEquals(DType.FLOAT32, y.dtype());
        assertEquals((float) ((3 - 0.5) / Math.sqrt(4 + 1e-5)), y.get(1, 0), 1e-6);
        assertEquals((float) ((4 + 1) / Math.sqrt(0.25 + 1e-5)), y.get(1, 1), 1e-5);
    }

    @Test
    void evaluationWithoutBuffersNamesTheMissingBuffer() {
        Sequential model = new Sequential(new Linear(4, 3), new BatchNorm(3));
        Params p = Params.init(model, DType.FLOAT64, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.forward(p, Var.constant(randn(1, 2, 4))));
        assertTrue(e.getMessage().contains("'1.running_mean'"), e.getMessage());
    }

    @Test
    void trainingOnASingleValuePerChannelIsAnError() {
        BatchNorm bn = new BatchNorm(3);
        Params p = Params.init(bn, DType.FLOAT64, 1);
        Exception e = assertThrows(RuntimeException.class,
                () -> bn.forward(p, Var.constant(randn(1, 1, 3)), train(new HashMap<>())));
        assertTrue(e.getMessage().contains("[1, 3]"), e.getMessage());
    }

    @Test
    void wrongChannelCountNamesShapes() {
        BatchNorm bn = new BatchNorm(3);
        Params p = Params.init(bn, DType.FLOAT64, 1);
        Exception e = assertThrows(RuntimeException.class,
                () -> bn.forward(p, Var.constant(randn(1, 2, 4)), train(new HashMap<>())));
        assertEquals("batchNorm: input [2, 4] does not have 3 channels on axis 1 (expected [batch, 3, ...])",
                e.getMessage());
    }

    /** Mean and biased variance of channel c of an [N, C, H, W] tensor. */
    private static double[] channelStats(Tensor x, int c) {
        int n = x.dim(0);
        int hw = x.dim(2) * x.dim(3);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < hw; k++) {
                sum += x.get(i, c, k / x.dim(3), k % x.dim(3));
            }
        }
        double mean = sum / (n * hw);
        double ss = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < hw; k++) {
                double d = x.get(i, c, k / x.dim(3), k % x.dim(3)) - mean;
                ss += d * d;
            }
        }
        return new double[] {mean, ss / (n * hw)};
    }
}
