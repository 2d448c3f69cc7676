package org.equitrain.nn.losses;

import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.ShapeException;

/** How an elementwise loss of shape [B, ...] becomes one value per example: sum or mean over the non-batch axes. */
public enum FeatureReduction {
    /** Sum over the non-batch axes. */
    SUM,
    /** Mean over the non-batch axes. */
    MEAN;

    /** Reduces {@code elementwise} [B, ...] to [B]. */
    Var apply(String loss, Var elementwise) {
        if (elementwise.rank() == 0) {
            throw new ShapeException(loss, "needs a batch axis; got a scalar");
        }
        if (elementwise.rank() == 1) {
            return elementwise;
        }
        Var flat = elementwise.reshape(elementwise.dim(0), -1);
        return this == SUM ? Ops.sum(flat, 1, false) : Ops.mean(flat, 1, false);
    }
}
