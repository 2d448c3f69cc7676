package org.equitrain.nn.losses;

import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Elementwise;
import org.equitrain.tensor.ShapeException;

/** Negative log-likelihood of targets under a Gaussian with predicted mean and variance (PyTorch's GaussianNLLLoss). */
public final class GaussianNll {
    /** PyTorch's default lower bound on the variance. */
    public static final double DEFAULT_EPS = 1e-6;

    private GaussianNll() {
    }

    /** PyTorch's defaults ({@code full = false}, ε = 1e-6), summed over the non-batch axes. */
    public static PerExampleLoss of(Var target, Var mean, Var variance) {
        return of(target, mean, variance, false, DEFAULT_EPS, FeatureReduction.SUM);
    }

    /**
     * Elementwise {@code ½ [log v + (x − μ)² / v] (+ ½ log 2π when full)}, where v is the variance clamped to at
     * least ε as in PyTorch: the clamp changes the value but not the gradient path (it is a constant shift).
     * Mean and variance broadcast against the target, which carries the batch on axis 0.
     */
    public static PerExampleLoss of(Var target, Var mean, Var variance, boolean full, double eps,
            FeatureReduction reduction) {
        double min = minimum(variance);
        if (min < 0) {
            throw new IllegalArgumentException("gaussianNll: variance has negative entries (min " + min + ")");
        }
        Var clampShift = Var.constant(Elementwise.map(variance.value(), v -> Math.max(v, eps) - v));
        Var v = Ops.add(variance, clampShift);
        Var diff = Ops.sub(target, mean);
        Var elementwise = Ops.mulScalar(Ops.add(Activations.log(v), Ops.div(Ops.mul(diff, diff), v)), 0.5);
        if (full) {
            elementwise = Ops.addScalar(elementwise, 0.5 * Math.log(2 * Math.PI));
        }
        if (!elementwise.shape().equals(target.shape())) {
            throw new ShapeException("gaussianNll", "mean " + mean.shape() + " and variance " + variance.shape()
                    + " must broadcast to the target's shape " + target.shape());
        }
        return new PerExampleLoss("gaussianNll", reduction.apply("gaussianNll", elementwise));
    }

    private static double minimum(Var v) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < v.value().size(); i++) {
            m = Math.min(m, v.value().getFlat(i));
        }
        return m;
    }
}
