package org.equitrain.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    @Test
    void clipsToTheMaximumGlobalNormWithoutTouchingInputs() {
        Tensor a = Tensor.vector(3, 0);
        Tensor b = Tensor.of(new double[] {0, 4, 0, 12}, 2, 2);
        GradientClipping.Clipped c = GradientClipping.byGlobalNorm(List.of(a, b), 5);
        assertEquals(13, c.norm(), 1e-15);
        assertEquals(5, GradientClipping.globalNorm(c.grads()), 1e-6);
        double coef = 5 / (13 + 1e-6);
        assertEquals(12 * coef, c.grads().get(1).get(1, 1), 1e-15);
        assertEquals(3.0, a.getFlat(0), 0.0);
        assertEquals(12.0, b.get(1, 1), 0.0);
    }

    @Test
    void leavesSmallGradientsAlone() {
        List<Tensor> g = List.of(Tensor.vector(0.3, 0.4));
        GradientClipping.Clipped c = GradientClipping.byGlobalNorm(g, 1);
        assertSame(g, c.grads());
        assertEquals(0.5, c.norm(), 1e-15);
    }
}
