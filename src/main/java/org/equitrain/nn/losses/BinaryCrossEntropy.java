package org.equitrain.nn.losses;

import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Pointwise;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.ShapeException;

/** Binary cross-entropy from logits (PyTorch's {@code binary_cross_entropy_with_logits}), stable for any logit. */
public final class BinaryCrossEntropy {
    private BinaryCrossEntropy() {
    }

    /** Summed over the non-batch axes (see {@link #withLogits(Var, Var, FeatureReduction)}). */
    public static PerExampleLoss withLogits(Var logits, Var targets) {
        return withLogits(logits, targets, FeatureReduction.SUM);
    }

    /**
     * Elementwise {@code −[y log σ(z) + (1 − y) log(1 − σ(z))] = softplus(z) − z·y}, where softplus is evaluated as
     * {@code max(z, 0) + log1p(e^−|z|)}; targets y in [0, 1] of the logits' shape, batch on axis 0.
     */
    public static PerExampleLoss withLogits(Var logits, Var targets, FeatureReduction reduction) {
        if (!logits.shape().equals(targets.shape())) {
            throw new ShapeException("binaryCrossEntropy", "logits " + logits.shape() + " and targets "
                    + targets.shape() + " differ");
        }
        Var elementwise = Ops.sub(Pointwise.softplus(logits), Ops.mul(logits, targets));
        return new PerExampleLoss("binaryCrossEntropy", reduction.apply("binaryCrossEntropy", elementwise));
    }
}
