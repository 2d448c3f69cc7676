package org.equitrain.autodiff.perexample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Which graphs the per-example machinery accepts, and the errors for those it cannot treat exactly. */
class LayerSignalsTest {
    private final SplittableRandom rng = new SplittableRandom(51);

    private Var param(int... dims) {
        return Var.param(Tensor.randn(DType.FLOAT64, rng, dims));
    }

    private Var input(int... dims) {
        return Var.constant(Tensor.randn(DType.FLOAT64, rng, dims));
    }

    @Test
    void aParameterThatDoesNotReachTheLossGetsZeros() {
        Map<String, Var> p = new LinkedHashMap<>();
        p.put("w", param(3, 4));
        p.put("unused", param(2));
        Var loss = Ops.sum(Activations.tanh(Ops.linear(input(6, 4), p.get("w"), null)));
        LayerSignals s = LayerSignals.of(loss, p);
        Tensor unused = PerExampleGradients.materialise(s).get("unused");
        assertArrayEquals(new int[] {6, 2}, unused.dims());
        assertArrayEquals(new double[12], unused.doubles());
        assertArrayEquals(new double[2], PerExampleGradients.weightedSum(s, Tensor.ones(DType.FLOAT64, 6))
                .get("unused").doubles());
    }

    @Test
    void weightSharingIsReported() {
        Var w = param(4, 4);
        Var h = Ops.linear(Activations.tanh(Ops.linear(input(5, 4), w, null)), w, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerSignals.of(Ops.sum(h), Map.of("w", w)));
        assertEquals("parameter 'w' is used by two layers (linear and linear); per-example machinery does not"
                + " support weight sharing", e.getMessage());
    }

    @Test
    void rowsThatAreNotExamplesAreReported() {
        // x [4, 6] viewed as 8 rows of 3 for the first layer, then 4 rows of 10: the rows are not the examples.
        Var w1 = param(5, 3);
        Var w2 = param(2, 10);
        Var h = Ops.reshape(Ops.linear(Ops.reshape(input(4, 6), 8, 3), w1, null), 4, 10);
        Var loss = Ops.sum(Ops.linear(h, w2, null));
        Map<String, Var> m = new LinkedHashMap<>();
        m.put("w1", w1);
        m.put("w2", w2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerSignals.of(loss, m));
        assertEquals("layers disagree on the batch size: linear of [w1] sees 8 examples, linear of [w2] sees 4;"
                + " row b of every layer input must belong to example b", e.getMessage());
    }

    @Test
    void parametersMustActThroughALayer() {
        Var w = param(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerSignals.of(Ops.sum(input(2, 3)), Map.of("w", w)));
        assertEquals("none of the parameters [w] reaches the output through a linear or conv2d node", e.getMessage());
        Var x = param(2, 3);
        Var loss = Ops.sum(Ops.linear(x, param(4, 3), null));
        e = assertThrows(IllegalArgumentException.class, () -> LayerSignals.of(loss, Map.of("x", x)));
        assertEquals("parameter 'x' is used by op 'linear' (input 0); per-example machinery supports parameters used"
                + " only as the weight or bias of linear and conv2d ops", e.getMessage());
    }

    @Test
    void seedsMustMatchTheOutput() {
        Var w = param(3, 4);
        Var y = Ops.linear(input(6, 4), w, null);
        Map<String, Var> p = Map.of("w", w);
        assertThrows(IllegalArgumentException.class, () -> LayerSignals.of(y, Tensor.zeros(DType.FLOAT64, 6, 2), p));
        assertThrows(IllegalArgumentException.class, () -> LayerSignals.of(y, p));
        Tensor seed = Tensor.ones(DType.FLOAT64, 6, 3);
        assertEquals(List.of("w"), LayerSignals.of(y, seed, p).names());
    }
}
