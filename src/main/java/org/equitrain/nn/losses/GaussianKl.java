package org.equitrain.nn.losses;

import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/** Closed-form KL divergence between Gaussians with diagonal covariance, e.g. a VAE's encoder against its prior. */
public final class GaussianKl {
    private GaussianKl() {
    }

    /**
     * KL(N(μ₁, diag v₁) ‖ N(μ₂, diag v₂)) per example, summed over the non-batch axes:
     * {@code ½ Σ_d [log(v₂/v₁) + (v₁ + (μ₁ − μ₂)²)/v₂ − 1]}. Arguments broadcast; the result has μ₁'s batch axis.
     */
    public static PerExampleLoss diagonal(Var mean1, Var variance1, Var mean2, Var variance2) {
        Var diff = Ops.sub(mean1, mean2);
        Var ratioTerm = Ops.div(Ops.add(variance1, Ops.mul(diff, diff)), variance2);
        Var logTerm = Ops.sub(Activations.log(variance2), Activations.log(variance1));
        Var elementwise = Ops.mulScalar(Ops.addScalar(Ops.add(logTerm, ratioTerm), -1), 0.5);
        if (elementwise.rank() == 0 || elementwise.dim(0) != mean1.dim(0)) {
            throw new ShapeException("gaussianKl", "arguments " + mean1.shape() + ", " + variance1.shape() + ", "
                    + mean2.shape() + ", " + variance2.shape() + " do not share the batch axis of the first");
        }
        return new PerExampleLoss("gaussianKl", FeatureReduction.SUM.apply("gaussianKl", elementwise));
    }

    /** KL(N(μ, diag v) ‖ N(0, I)) = ½ Σ_d [μ² + v − log v − 1] (Kingma &amp; Welling 2014, App. B). */
    public static PerExampleLoss toStandardNormal(Var mean, Var variance) {
        Var zero = Var.constant(Tensor.scalar(mean.dtype(), 0));
        Var one = Var.constant(Tensor.scalar(mean.dtype(), 1));
        return diagonal(mean, variance, zero, one);
    }
}
