package org.equitrain.nn.losses;

import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/**
 * One loss value per example, {@code perExample()} of shape [n], and its reductions to the scalar a training step
 * differentiates: {@link #mean()}, {@link #sum()} and {@link #weightedMean}. Weights may be plain numbers or a
 * differentiable {@link Var}, so meta-learning methods (L2RW, FORML) can take gradients with respect to them.
 */
public final class PerExampleLoss {
    private final String name;
    private final Var perExample;

    PerExampleLoss(String name, Var perExample) {
        if (perExample.rank() != 1) {
            throw new ShapeException(name, "per-example losses must have shape [n], got " + perExample.shape());
        }
        this.name = name;
        this.perExample = perExample;
    }

    /**
     * Wraps per-example values of shape [n] computed elsewhere (a divergence, a custom loss) so they get the same
     * reductions; {@code name} appears in error messages.
     */
    public static PerExampleLoss of(String name, Var perExample) {
        return new PerExampleLoss(name, perExample);
    }

    /** The losses ℓ_i, shape [n]. */
    public Var perExample() {
        return perExample;
    }

    /** The number of examples n. */
    public int count() {
        return perExample.dim(0);
    }

    /** (1/n) Σ ℓ_i. */
    public Var mean() {
        return Ops.mean(perExample);
    }

    /** Σ ℓ_i. */
    public Var sum() {
        return Ops.sum(perExample);
    }

    /** {@code Σ w_i ℓ_i / n} (see {@link WeightNormalisation#COUNT}). */
    public Var weightedMean(double[] weights) {
        return weightedMean(weights, WeightNormalisation.COUNT);
    }

    /** As {@link #weightedMean(Var, WeightNormalisation)} with constant weights [n] (cast to the losses' dtype). */
    public Var weightedMean(double[] weights, WeightNormalisation normalisation) {
        return weightedMean(Var.constant(Tensor.vector(weights).to(perExample.dtype())), normalisation);
    }

    /**
     * {@code Σ w_i ℓ_i / n} or {@code Σ w_i ℓ_i / Σ w_i}; gradients flow into {@code weights} when it requires them
     * (through the denominator too, for {@link WeightNormalisation#WEIGHT_SUM}). Weights summing to zero under
     * WEIGHT_SUM are an error rather than a NaN loss.
     */
    public Var weightedMean(Var weights, WeightNormalisation normalisation) {
        if (weights.rank() != 1 || weights.dim(0) != count()) {
            throw new ShapeException(name, "weights of shape " + weights.shape() + " for " + count()
                    + " per-example losses (expected [" + count() + "])");
        }
        Var total = Ops.sum(Ops.mul(weights, perExample));
        if (normalisation == WeightNormalisation.COUNT) {
            return Ops.mulScalar(total, 1.0 / count());
        }
        Var weightSum = Ops.sum(weights);
        if (weightSum.item() == 0) {
            throw new IllegalArgumentException(name + ": weights sum to zero, so the weighted mean is undefined");
        }
        return Ops.div(total, weightSum);
    }
}
