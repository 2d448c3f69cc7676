package org.equitrain.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The Dropout layer follows the context: masked in training, identity in evaluation. */
class DropoutTest {

    @Test
    void trainingMasksAndEvaluationPassesThrough() {
        Dropout layer = new Dropout(0.5);
        Params none = Params.init(layer, DType.FLOAT64, 0);
        Var x = Var.constant(Tensor.ones(DType.FLOAT64, 1000));
        assertSame(x, layer.forward(none, x));
        Tensor y = layer.forward(none, x, Context.train(new SplittableRandom(1), new HashMap<>())).value();
        int kept = 0;
        for (int i = 0; i < y.size(); i++) {
            kept += y.getFlat(i) == 2.0 ? 1 : 0;
            assertEquals(y.getFlat(i) == 0 ? 0 : 2.0, y.getFlat(i));
        }
        assertEquals(500, kept, 80); // Binomial(1000, ½): sd ≈ 16
        Tensor again = layer.forward(none, x, Context.train(new SplittableRandom(1), new HashMap<>())).value();
        assertArrayEquals(y.toDoubleArray(), again.toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
    }
}
