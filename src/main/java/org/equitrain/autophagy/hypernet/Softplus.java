package org.equitrain.autophagy.hypernet;

import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Elementwise;
import org.equitrain.tensor.Tensor;

/**
 * softplus(x) = log(1 + eˣ) composed from the core ops without overflow. Interim: the ops branch adds
 * {@code Pointwise.softplus} (one node, derivative σ(x)); at merge, call that instead and delete this class.
 */
final class Softplus {
    private Softplus() {
    }

    /**
     * For x &gt; 0, {@code x − log σ(x)}; otherwise {@code −log σ(−x)}. Each branch is fed an input clamped to its
     * own side ({@code max(x, 0)}, {@code min(x, 0) = x − relu(x)}), so the unused branch stays finite, and the
     * second branch has derivative σ(x) at x = 0 exactly (zero-initialised heads train).
     */
    static Var apply(Var x) {
        Tensor positive = Elementwise.map(x.value(), v -> v > 0 ? 1 : 0);
        Tensor nonPositive = Elementwise.map(x.value(), v -> v > 0 ? 0 : 1);
        Var pos = Activations.relu(x);
        Var neg = Ops.sub(x, pos);
        Var upper = Ops.sub(pos, Activations.log(Activations.sigmoid(pos)));
        Var lower = Ops.neg(Activations.log(Activations.sigmoid(Ops.neg(neg))));
        return Ops.add(Ops.mul(upper, Var.constant(positive)), Ops.mul(lower, Var.constant(nonPositive)));
    }
}
