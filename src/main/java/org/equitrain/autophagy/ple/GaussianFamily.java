package org.equitrain.autophagy.ple;

import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.hypernet.Constraint;
import org.equitrain.autophagy.hypernet.ParamConstraints;
import org.equitrain.nn.Init;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;
import org.equitrain.tensor.Tensor;

/**
 * Diagonal Gaussian N(μ, diag(σ²)) with parameters "mean" [d] and "variance" [d] (softplus-constrained, PLE
 * spec §4); the raw variance starts at softplus⁻¹(1), i.e. unit variance.
 */
public final class GaussianFamily implements DensityFamily {
    static final double LOG_2PI = Math.log(2 * Math.PI);
    /** softplus⁻¹(1) = log(e − 1). */
    static final double RAW_UNIT = Math.log(Math.E - 1);

    private final int dim;
    private final ParamConstraints constraints;

    /** The family over R^{@code dim} (dim ≥ 1) with a softplus-constrained variance. */
    public GaussianFamily(int dim) {
        this(dim, ParamConstraints.none().with("variance", Constraint.POSITIVE));
    }

    /** With explicit constraints, e.g. identity when an estimator outputs variances directly. */
    public GaussianFamily(int dim, ParamConstraints constraints) {
        if (dim < 1) {
            throw new IllegalArgumentException("a Gaussian needs dimension >= 1, got " + dim);
        }
        this.dim = dim;
        this.constraints = constraints;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public ParamConstraints constraints() {
        return constraints;
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        return List.of(new ParamSpec("mean", new int[] {dim}, Init.zeros()),
                new ParamSpec("variance", new int[] {dim}, Init.constant(RAW_UNIT)));
    }

    /** ½ Σ_j [log 2π + log σ²_j + (x_j − μ_j)²/σ²_j] per sample. */
    @Override
    public Var nll(Params theta, Var x) {
        Var variance = theta.get("variance");
        Var r = Ops.sub(x, theta.get("mean"));
        Var perCoordinate = Ops.add(Activations.log(variance), Ops.div(Ops.mul(r, r), variance));
        return Ops.mulScalar(Ops.addScalar(Ops.sum(perCoordinate, 1, false), dim * LOG_2PI), 0.5);
    }

    /** x = μ + σ ⊙ ε, ε ~ N(0, I), σ = exp(½ log σ²). */
    @Override
    public Var sample(Params theta, int n, SplittableRandom rng) {
        Var mean = theta.get("mean");
        Var eps = Var.constant(Tensor.randn(mean.dtype(), rng, n, dim));
        Var sd = Activations.exp(Ops.mulScalar(Activations.log(theta.get("variance")), 0.5));
        return Ops.add(mean, Ops.mul(eps, sd));
    }
}
