package org.equitrain.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.GradCheck;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Sequential: a ReLU after a Linear writes over the Linear's output and changes no value and no gradient. */
class SequentialTest {
    private static final Sequential MLP = new Sequential(new Linear(5, 7), Activation.relu(), new Linear(7, 6),
            Activation.relu(), new Linear(6, 3), Activation.tanh());

    /** The same network op by op, each ReLU into a fresh array. */
    private static Var composed(Params p, Var x) {
        Var h = Activations.relu(Ops.linear(x, p.get("0.weight"), p.get("0.bias")));
        h = Activations.relu(Ops.linear(h, p.get("2.weight"), p.get("2.bias")));
        return Activations.tanh(Ops.linear(h, p.get("4.weight"), p.get("4.bias")));
    }

    @Test
    void inPlaceReluGivesTheValuesAndGradientsOfTheComposition() {
        for (DType dtype : DType.values()) {
            Params p = Params.init(MLP, dtype, 3);
            Tensor x = GradCheck.randn(4, 9, 5).to(dtype);
            x.setFlat(0, Double.NaN); // a NaN input row stays NaN through the in-place ReLU and its mask
            x.setFlat(6, -0.0);
            Var xs = Var.param(x);
            Var fused = MLP.forward(p, xs);
            Var plain = composed(p, xs);
            assertArrayEquals(plain.value().toDoubleArray(), fused.value().toDoubleArray(), 0.0);
            Tensor seed = GradCheck.randn(5, 9, 3).to(dtype);
            List<Var> wrt = new ArrayList<>(p.vars());
            wrt.add(xs);
            List<Tensor> gf = Grad.gradTensors(Ops.sum(Ops.mul(fused, Var.constant(seed))), wrt);
            List<Tensor> gp = Grad.gradTensors(Ops.sum(Ops.mul(plain, Var.constant(seed))), wrt);
            for (int i = 0; i < gf.size(); i++) {
                assertArrayEquals(gp.get(i).toDoubleArray(), gf.get(i).toDoubleArray(), 0.0, dtype + " input " + i);
            }
            assertTrue(Double.isNaN(fused.value().getFlat(0)));
            Var hidden = fused.node().inputs().get(0).node().inputs().get(0); // the ReLU before the last Linear
            assertEquals("relu", hidden.node().op());
            assertTrue(hidden.value() == hidden.node().inputs().get(0).value(), "written over the Linear's output");
        }
        GradCheck.check(v -> MLP.forward(Params.init(MLP, DType.FLOAT64, 3), v.get(0)), GradCheck.randn(6, 4, 5));
    }

    @Test
    void inPlaceReluWritesOverItsInputAndRefusesAParameter() {
        Var a = Ops.mulScalar(Var.param(Tensor.vector(-1, 2, -0.0, 3)), 1.0);
        Tensor before = a.value();
        Var y = Activations.reluInPlace(a);
        assertEquals(before, y.value());
        assertArrayEquals(new double[] {0, 2, 0, 3}, a.value().toDoubleArray(), 0.0);
        Var leaf = Var.param(Tensor.vector(1, -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activations.reluInPlace(leaf));
        assertTrue(e.getMessage().contains("parameter"), e.getMessage());
        assertNotSame(leaf.value(), Activations.relu(leaf).value());
    }
}
