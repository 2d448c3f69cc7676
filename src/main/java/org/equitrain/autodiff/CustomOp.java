package org.equitrain.autodiff;

import org.equitrain.tensor.Tensor;

/**
 * Public entry for ops defined outside this package (method packages with closed-form gradients, e.g. loss heads).
 * The backward rule should be written with differentiable ops when {@link GradMode#isEnabled()} is true during
 * backward (a {@code createGraph} pass), so that double backward stays correct.
 */
public final class CustomOp {
    private CustomOp() {
    }

    /** Records {@code value} as the output of {@code op} on {@code inputs}, as {@code Ops.record} does. */
    public static Var of(String op, Tensor value, Node.Backward backward, Var... inputs) {
        return Ops.record(op, value, backward, inputs);
    }
}
