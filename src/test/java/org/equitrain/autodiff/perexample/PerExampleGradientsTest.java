package org.equitrain.autodiff.perexample;

import static org.equitrain.autodiff.perexample.ExampleModels.BATCH;
import static org.equitrain.autodiff.perexample.ExampleModels.assertRelativeClose;
import static org.equitrain.autodiff.perexample.ExampleModels.crossEntropy;
import static org.equitrain.autodiff.perexample.ExampleModels.loopGradients;
import static org.equitrain.autodiff.perexample.ExampleModels.oneHot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.LeNet5;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Per-example gradients from one backward pass against B single-example backward passes (float64). */
class PerExampleGradientsTest {

    static Stream<Arguments> models() {
        return Stream.of(Arguments.of("mlp", ExampleModels.mlp(), ExampleModels.mlpInputs(1), 4),
                Arguments.of("cnn", ExampleModels.cnn(), ExampleModels.cnnInputs(2), 3),
                Arguments.of("lenet5", new LeNet5(), Tensor.randn(DType.FLOAT64, new SplittableRandom(3), BATCH, 784),
                        10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void materialisedGradientsMatchSingleExampleBackwardPasses(String label, Module model, Tensor x, int k) {
        Params p = Params.init(model, DType.FLOAT64, 3);
        Tensor y = oneHot(4, k);
        LayerSignals signals = LayerSignals.of(crossEntropy(model.forward(p, Var.constant(x)), y), p.asMap());
        assertEquals(BATCH, signals.batchSize());
        Map<String, Tensor> expected = loopGradients(model, p, x, y, ExampleModels::crossEntropy);
        assertRelativeClose(expected, PerExampleGradients.materialise(signals), 1e-10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void squaredNormsMatchSingleExampleBackwardPasses(String label, Module model, Tensor x, int k) {
        Params p = Params.init(model, DType.FLOAT64, 5);
        Tensor y = oneHot(6, k);
        LayerSignals signals = LayerSignals.of(crossEntropy(model.forward(p, Var.constant(x)), y), p.asMap());
        Map<String, Tensor> g = loopGradients(model, p, x, y, ExampleModels::crossEntropy);
        Tensor expected = Tensor.zeros(DType.FLOAT64, BATCH);
        for (Tensor t : g.values()) {
            int n = t.size() / BATCH;
            for (int i = 0; i < t.size(); i++) {
                expected.setFlat(i / n, expected.getFlat(i / n) + t.getFlat(i) * t.getFlat(i));
            }
        }
        assertRelativeClose(expected, PerExampleGradients.squaredNorms(signals), 1e-10, "‖g_b‖²");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void weightedSumEqualsGradientOfWeightedLoss(String label, Module model, Tensor x, int k) {
        // FORML spec §10 oracle 2: the weighted real-step gradient equals autodiff of Σ_b w_b ℓ_b.
        Params p = Params.init(model, DType.FLOAT64, 7);
        Tensor y = oneHot(8, k);
        Tensor w = Tensor.uniform(DType.FLOAT64, new SplittableRandom(9), 0, 2, BATCH);
        Var logits = model.forward(p, Var.constant(x));
        LayerSignals signals = LayerSignals.of(crossEntropy(logits, y), p.asMap());
        Tensor wy = y.copy();
        for (int i = 0; i < wy.size(); i++) {
            wy.setFlat(i, wy.getFlat(i) * w.getFlat(i / k));
        }
        List<Tensor> expected = Grad.gradTensors(crossEntropy(logits, wy), p.vars());
        Map<String, Tensor> actual = PerExampleGradients.weightedSum(signals, w);
        for (int i = 0; i < expected.size(); i++) {
            assertRelativeClose(expected.get(i), actual.get(p.names().get(i)), 1e-10, p.names().get(i));
        }
        // accumulated onto a base (a virtual step θ − Σ c_b g_b with w = −c): base + the weighted sum, base unchanged
        Map<String, Tensor> base = new LinkedHashMap<>();
        SplittableRandom rng = new SplittableRandom(12);
        for (String name : p.names()) {
            base.put(name, Tensor.randn(DType.FLOAT64, rng, p.get(name).shape().dims()));
        }
        Map<String, Tensor> baseBefore = new LinkedHashMap<>();
        base.forEach((name, t) -> baseBefore.put(name, t.copy()));
        Map<String, Tensor> onto = PerExampleGradients.addWeightedSum(signals, w, base);
        for (int i = 0; i < expected.size(); i++) {
            String name = p.names().get(i);
            Tensor sum = base.get(name).copy();
            sum.axpyInPlace(1.0, expected.get(i));
            assertRelativeClose(sum, onto.get(name), 1e-10, name + " onto a base");
            assertRelativeClose(baseBefore.get(name), base.get(name), 0.0, name + " base unchanged");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void meanLossGivesGradientsOverB(String label, Module model, Tensor x, int k) {
        Params p = Params.init(model, DType.FLOAT64, 10);
        Tensor y = oneHot(11, k);
        Var logits = model.forward(p, Var.constant(x));
        Map<String, Tensor> sum = PerExampleGradients.materialise(LayerSignals.of(crossEntropy(logits, y), p.asMap()));
        Map<String, Tensor> mean = PerExampleGradients.materialise(
                LayerSignals.of(Ops.mulScalar(crossEntropy(logits, y), 1.0 / BATCH), p.asMap()));
        for (String name : p.names()) {
            Tensor scaled = mean.get(name).copy();
            scaled.axpyInPlace(BATCH - 1, mean.get(name));
            assertRelativeClose(sum.get(name), scaled, 1e-12, name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aSubsetOfParametersAndFloat32Models(String label, Module model, Tensor x, int k) {
        Params all = Params.init(model, DType.FLOAT32, 12);
        String last = all.names().get(all.names().size() - 1);
        Map<String, Var> some = new LinkedHashMap<>();
        some.put(last, all.get(last));
        some.put(all.names().get(0), all.get(all.names().get(0)));
        Tensor y = oneHot(13, k);
        Var loss = crossEntropy(model.forward(all, Var.constant(x.to(DType.FLOAT32))), y.to(DType.FLOAT32));
        Map<String, Tensor> g = PerExampleGradients.materialise(LayerSignals.of(loss, some));
        assertEquals(List.copyOf(some.keySet()), List.copyOf(g.keySet()));
        Map<String, Tensor> expected = loopGradients(model, toFloat64(all), x, y, ExampleModels::crossEntropy);
        for (String name : some.keySet()) {
            assertEquals(DType.FLOAT32, g.get(name).dtype());
            assertRelativeClose(expected.get(name), g.get(name), 1e-4, name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void anotherUseOfAParameterIsNamed(String label, Module model, Tensor x, int k) {
        Params p = Params.init(model, DType.FLOAT64, 14);
        String first = p.names().get(0);
        Var penalty = Ops.sum(Ops.mul(p.get(first), p.get(first)));
        Var loss = Ops.add(crossEntropy(model.forward(p, Var.constant(x)), oneHot(15, k)), penalty);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerSignals.of(loss, p.asMap()));
        assertEquals("parameter '" + first + "' is used by op 'mul' (input 0); per-example machinery supports"
                + " parameters used only as the weight or bias of linear and conv2d ops", e.getMessage());
    }

    private static Params toFloat64(Params p) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (String name : p.names()) {
            m.put(name, p.get(name).value().to(DType.FLOAT64));
        }
        return Params.fromTensors(m);
    }
}
