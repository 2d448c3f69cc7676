package org.equitrain.autodiff;

import static org.equitrain.autodiff.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link Grad} runs backward work only towards the requested values: a {@link Node.SelectiveBackward} rule is told
 * which inputs lead to one, and the gradients it returns are unchanged by the skipped work.
 */
class GradPruningTest {

    /** y = x·Wᵀ + b through a recording copy of the linear rule, so the test sees what Grad asked for. */
    private static Var recordingLinear(Var x, Var w, Var b, List<boolean[]> asked) {
        Var y = Ops.linear(x, w, b);
        Node.SelectiveBackward rule = (Node.SelectiveBackward) y.node().backward();
        Node.SelectiveBackward spy = (g, wanted) -> {
            asked.add(wanted == null ? null : wanted.clone());
            return rule.apply(g, wanted);
        };
        return Ops.record("linear", y.value(), spy, x, w, b);
    }

    @Test
    void gradientsOfLayerOutputsSkipTheWeightGradientsAndMatchTheFullPass() {
        Var x = Var.constant(randn(1, 5, 3));
        Var w1 = Var.param(randn(2, 4, 3));
        Var b1 = Var.param(randn(3, 4));
        Var w2 = Var.param(randn(4, 2, 4));
        Var b2 = Var.param(randn(5, 2));
        List<boolean[]> asked = new ArrayList<>();
        Var h = recordingLinear(x, w1, b1, asked);
        Var out = recordingLinear(Activations.tanh(h), w2, b2, asked);
        Var loss = Ops.sum(Ops.mul(out, out));

        List<Var> pruned = Grad.grad(loss, List.of(h, out));
        // only the second layer's input leads to h; the first layer's inputs lead nowhere, so its rule never runs
        assertEquals(1, asked.size());
        assertArrayEquals(new boolean[] {true, false, false}, asked.get(0));

        asked.clear();
        List<Var> full = Grad.grad(loss, List.of(h, out, w1, b1, w2, b2));
        assertEquals(2, asked.size());
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(pruned.get(k).value().doubles(), full.get(k).value().doubles(), 0.0);
        }
        Tensor w1Grad = Grad.grad(loss, List.of(w1)).get(0).value();
        assertArrayEquals(w1Grad.doubles(), full.get(2).value().doubles(), 0.0);
    }

    @Test
    void secondOrderGradientsStillFlowThroughPrunedRules() {
        // d/dW ⟨∇_h L, v⟩ needs the double backward of the linear rule; pruning must leave it intact
        Var x = Var.constant(randn(6, 4, 3));
        Var w = Var.param(randn(7, 2, 3));
        Var b = Var.param(randn(8, 2));
        GradCheck.check(v -> {
            try (GradMode on = GradMode.on()) { // the finite differences run with the tape off
                Var h = Ops.linear(x, v.get(0), v.get(1));
                Var t = Activations.tanh(h);
                Var g = Grad.grad(Ops.sum(Ops.mul(t, t)), List.of(h), null, true).get(0);
                return Ops.sum(Ops.mul(g, g));
            }
        }, w.value(), b.value());
    }
}
