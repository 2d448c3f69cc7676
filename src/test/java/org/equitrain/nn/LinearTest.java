package org.equitrain.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Linear: y = x Wᵀ + b with W [out, in], and the sizes it accepts. */
class LinearTest {
    @Test
    void computesXTimesWTransposedPlusBias() {
        Linear layer = new Linear(3, 2);
        Map<String, Tensor> values = new LinkedHashMap<>();
        values.put("weight", Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        values.put("bias", Tensor.vector(0.5, -1));
        Params p = Params.fromTensors(values);
        Var y = layer.forward(p, Var.constant(Tensor.of(new double[] {1, 0, -1, 2, 1, 0}, 2, 3)), Context.eval());
        assertEquals(Shape.of(2, 2), y.shape());
        assertArrayEquals(new double[] {-1.5, -3, 4.5, 12}, y.value().toDoubleArray(), 1e-15);
    }

    @Test
    void rejectsSizesBelowOne() {
        Exception e = assertThrows(IllegalArgumentException.class, () -> new Linear(0, 4));
        assertEquals("Linear(in=0, out=4): sizes must be 1 or more", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Linear(3, -1, false));
        assertEquals(2 * 3 + 2, Params.init(new Linear(3, 2), DType.FLOAT64, 0).vars().stream()
                .mapToInt(v -> v.value().size()).sum());
    }
}
