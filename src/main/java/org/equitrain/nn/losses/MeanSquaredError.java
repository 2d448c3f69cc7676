package org.equitrain.nn.losses;

import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.ShapeException;

/** Squared error (prediction − target)², batch on axis 0. */
public final class MeanSquaredError {
    private MeanSquaredError() {
    }

    /** Averaged over the non-batch axes, so {@code mean()} equals PyTorch's {@code MSELoss}. */
    public static PerExampleLoss of(Var prediction, Var target) {
        return of(prediction, target, FeatureReduction.MEAN);
    }

    /** Per example, {@code reduction} over the non-batch axes of the squared error; throws if the shapes differ. */
    public static PerExampleLoss of(Var prediction, Var target, FeatureReduction reduction) {
        if (!prediction.shape().equals(target.shape())) {
            throw new ShapeException("meanSquaredError", "prediction " + prediction.shape() + " and target "
                    + target.shape() + " differ");
        }
        Var diff = Ops.sub(prediction, target);
        return new PerExampleLoss("meanSquaredError", reduction.apply("meanSquaredError", Ops.mul(diff, diff)));
    }
}
