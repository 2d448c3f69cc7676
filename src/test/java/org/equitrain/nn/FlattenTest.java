package org.equitrain.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.equitrain.autodiff.GradCheck;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.junit.jupiter.api.Test;

/** Flatten: [B, ...] to [B, prod]. */
class FlattenTest {

    @Test
    void flattenKeepsTheBatchDimension() {
        Flatten f = new Flatten();
        Var x = Var.constant(GradCheck.randn(1, 2, 3, 4));
        assertArrayEquals(new int[] {2, 12}, f.forward(Params.init(f, DType.FLOAT64, 0), x).shape().dims());
        GradCheck.check(v -> f.forward(Params.init(f, DType.FLOAT64, 0), v.get(0)), GradCheck.randn(2, 3, 2, 2));
    }
}
