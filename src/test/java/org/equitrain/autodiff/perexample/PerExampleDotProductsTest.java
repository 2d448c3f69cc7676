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
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Factorised per-example dot products ⟨g_b, v⟩ against materialised and single-example gradients. */
class PerExampleDotProductsTest {

    static Stream<Arguments> models() {
        return PerExampleGradientsTest.models();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void factorisedDotProductsEqualMaterialisedAndLoopedGradients(String label, Module model, Tensor x, int k) {
        Params p = Params.init(model, DType.FLOAT64, 21);
        Tensor y = oneHot(22, k);
        LayerSignals signals = LayerSignals.of(crossEntropy(model.forward(p, Var.constant(x)), y), p.asMap());
        Map<String, Tensor> v = randomLike(p, 23);

        Tensor dots = PerExampleDotProducts.compute(signals, v);

        Map<String, Tensor> materialised = PerExampleGradients.materialise(signals);
        Map<String, Tensor> looped = loopGradients(model, p, x, y, ExampleModels::crossEntropy);
        assertRelativeClose(dot(materialised, v), dots, 1e-12, "vs materialised");
        // forml.md §10 oracle 2: relative 1e-12 (measured: at most 2.4e-15 of the largest dot, over the three models)
        assertRelativeClose(dot(looped, v), dots, 1e-12, "vs single-example passes");
    }

    /**
     * Dots with the gradient of another batch at other parameter values, given only by that batch's signals, equal
     * the dots with that gradient formed by autodiff: 2 and 3 other rows take the Gram form in the dense layers, 40
     * rows the formed gradient.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void dotsWithAnotherBatchsSignalsEqualDotsWithItsGradient(String label, Module model, Tensor x, int k) {
        Params p = Params.init(model, DType.FLOAT64, 31);
        LayerSignals signals = LayerSignals.of(crossEntropy(model.forward(p, Var.constant(x)), oneHot(32, k)),
                p.asMap());
        for (int v : new int[] {2, 3, 40}) {
            Params q = Params.init(model, DType.FLOAT64, 33 + v);
            int[] dims = x.dims().clone();
            dims[0] = v;
            SplittableRandom rng = new SplittableRandom(34 + v);
            Var out = model.forward(q, Var.constant(Tensor.randn(DType.FLOAT64, rng, dims)));
            Var otherLoss = Ops.sum(Ops.mul(Activations.tanh(out), Var.constant(Tensor.randn(DType.FLOAT64, rng,
                    out.shape().dims()))));
            Map<String, Tensor> g = new LinkedHashMap<>();
            List<Tensor> grads = Grad.gradTensors(otherLoss, q.vars());
            for (int i = 0; i < grads.size(); i++) {
                g.put(q.names().get(i), grads.get(i));
            }

            Tensor dots = PerExampleDotProducts.compute(signals, LayerSignals.of(otherLoss, q.asMap()));

            assertRelativeClose(PerExampleDotProducts.compute(signals, g), dots, 1e-12, "other batch of " + v);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void vectorMustCoverTheParameters(String label, Module model, Tensor x, int k) {
        Params p = Params.init(model, DType.FLOAT64, 24);
        Var loss = crossEntropy(model.forward(p, Var.constant(x)), oneHot(25, k));
        LayerSignals signals = LayerSignals.of(loss, p.asMap());
        Map<String, Tensor> v = randomLike(p, 26);
        String first = p.names().get(0);
        v.remove(first);
        v.put("extra", Tensor.zeros(DType.FLOAT64, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PerExampleDotProducts.compute(signals, v));
        assertEquals("v must have one entry per parameter " + p.names() + "; missing [" + first + "]; unknown [extra]",
                e.getMessage());
        Map<String, Tensor> wrong = randomLike(p, 27);
        wrong.put(first, Tensor.zeros(DType.FLOAT64, 2, 2));
        e = assertThrows(IllegalArgumentException.class, () -> PerExampleDotProducts.compute(signals, wrong));
        assertEquals("v '" + first + "' has shape [2, 2] but the parameter has shape " + p.get(first).shape(),
                e.getMessage());
    }

    static Map<String, Tensor> randomLike(Params p, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, Tensor> v = new LinkedHashMap<>();
        for (String name : p.names()) {
            v.put(name, Tensor.randn(DType.FLOAT64, rng, p.get(name).shape().dims()));
        }
        return v;
    }

    /** ⟨g_b, v⟩ from materialised per-example gradients [B, ...]. */
    static Tensor dot(Map<String, Tensor> perExample, Map<String, Tensor> v) {
        Tensor out = Tensor.zeros(DType.FLOAT64, BATCH);
        for (String name : perExample.keySet()) {
            Tensor g = perExample.get(name);
            int n = g.size() / BATCH;
            for (int i = 0; i < g.size(); i++) {
                out.setFlat(i / n, out.getFlat(i / n) + g.getFlat(i) * v.get(name).getFlat(i % n));
            }
        }
        return out;
    }
}
