package org.equitrain.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.GradCheck;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Embedding lookups: values, shapes, accumulated gradients, code validation, and use inside a model. */
class EmbeddingTest {
    private static final Var CODES = Var.constant(Tensor.vector(2, 0, 2));

    @Test
    void looksUpRowsOfTheTable() {
        Embedding emb = new Embedding(3, 2);
        Params p = Params.of(Map.of("weight", Var.param(Tensor.of(new double[] {0, 1, 10, 11, 20, 21}, 3, 2))));
        Var out = emb.forward(p, CODES);
        assertEquals(Shape.of(3, 2), out.shape());
        assertArrayEquals(new double[] {20, 21, 0, 1, 20, 21}, out.value().toDoubleArray());
        Var grid = emb.forward(p, Var.constant(Tensor.of(new double[] {1, 1, 0, 2}, 2, 2)));
        assertEquals(Shape.of(2, 2, 2), grid.shape());
        List<Tensor> g = Grad.gradTensors(out.sum(), List.of(p.get("weight")));
        assertArrayEquals(new double[] {1, 1, 0, 0, 2, 2}, g.get(0).toDoubleArray());
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Embedding emb = new Embedding(4, 3);
        GradCheck.check(v -> emb.forward(Params.of(Map.of("weight", v.get(0))), CODES), GradCheck.randn(1, 4, 3));
    }

    @Test
    void badCodesAreNamed() {
        Embedding emb = new Embedding(3, 2);
        Params p = Params.init(emb, DType.FLOAT64, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> emb.forward(p, Var.constant(Tensor.vector(0, 3))));
        assertEquals("embedding: code 3.0 at position 1 is not an integer in [0, 3)", e.getMessage());
    }

    @Test
    void embeddingThenFlattenThenLinearTrainsEndToEnd() {
        Sequential model = new Sequential(new Embedding(5, 4), new Flatten(), new Linear(4, 2));
        Params p = Params.init(model, DType.FLOAT32, 7);
        assertEquals(List.of("0.weight", "2.weight", "2.bias"), p.names());
        Var logits = model.forward(p, Var.constant(Tensor.vector(4, 1, 1)));
        assertEquals(Shape.of(3, 2), logits.shape());
        assertEquals(DType.FLOAT32, logits.dtype());
        List<Tensor> g = Grad.gradTensors(logits.sum(), p.vars());
        assertEquals(DType.FLOAT32, g.get(0).dtype());
        assertEquals(0, g.get(0).get(0, 0));
    }
}
