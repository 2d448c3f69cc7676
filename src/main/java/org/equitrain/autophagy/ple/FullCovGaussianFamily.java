package org.equitrain.autophagy.ple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Indexing;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.hypernet.Constraint;
import org.equitrain.autophagy.hypernet.ParamConstraints;
import org.equitrain.nn.Init;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;
import org.equitrain.tensor.Tensor;

/**
 * Gaussian N(μ, Σ) with Σ = LLᵀ: parameters "mean" [d] and "scale_tril" [d, d], the raw head output mapped to a
 * lower-triangular L with softplus(+ε) diagonal ({@link Constraint#CHOLESKY}, PLE spec §4); the raw value starts
 * at L = I. The PLE penalty compares Σ (spec §3: model-facing covariances), see {@link #penaltyCoordinates}.
 * Meant for small d: the likelihood solves L z = x − μ by forward substitution, O(d²) ops.
 */
public final class FullCovGaussianFamily implements DensityFamily {
    private final int dim;

    /** The family over R^{@code dim} (dim ≥ 1). */
    public FullCovGaussianFamily(int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("a Gaussian needs dimension >= 1, got " + dim);
        }
        this.dim = dim;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public ParamConstraints constraints() {
        return ParamConstraints.none().with("scale_tril", Constraint.CHOLESKY);
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        Init identity = (dtype, rng, shape) -> {
            Tensor t = Tensor.zeros(dtype, shape);
            for (int i = 0; i < dim; i++) {
                t.setFlat(i * dim + i, GaussianFamily.RAW_UNIT);
            }
            return t;
        };
        return List.of(new ParamSpec("mean", new int[] {dim}, Init.zeros()),
                new ParamSpec("scale_tril", new int[] {dim, dim}, identity));
    }

    /** ½‖L⁻¹(x − μ)‖² + Σ_i log L_ii + (d/2) log 2π per sample. */
    @Override
    public Var nll(Params theta, Var x) {
        Var l = theta.get("scale_tril");
        Var r = Ops.sub(x, theta.get("mean"));
        List<Var> z = new ArrayList<>();
        Var quad = null;
        Var logDiag = null;
        for (int i = 0; i < dim; i++) {
            Var row = Indexing.narrow(l, 0, i, 1);
            Var acc = Indexing.narrow(r, 1, i, 1); // [n, 1]
            for (int j = 0; j < i; j++) {
                acc = Ops.sub(acc, Ops.mul(z.get(j), Indexing.narrow(row, 1, j, 1)));
            }
            Var lii = Indexing.narrow(row, 1, i, 1);
            Var zi = Ops.div(acc, lii);
            z.add(zi);
            quad = quad == null ? Ops.mul(zi, zi) : Ops.add(quad, Ops.mul(zi, zi));
            logDiag = logDiag == null ? Activations.log(lii) : Ops.add(logDiag, Activations.log(lii));
        }
        Var perSample = Ops.reshape(Ops.mulScalar(quad, 0.5), x.dim(0));
        return Ops.add(Ops.addScalar(perSample, 0.5 * dim * GaussianFamily.LOG_2PI), Ops.reshape(logDiag, 1));
    }

    /** x = μ + L ε, ε ~ N(0, I) (rows: x = μ + ε Lᵀ). */
    @Override
    public Var sample(Params theta, int n, SplittableRandom rng) {
        Var mean = theta.get("mean");
        Var eps = Var.constant(Tensor.randn(mean.dtype(), rng, n, dim));
        return Ops.add(mean, Ops.matmul(eps, theta.get("scale_tril"), false, true));
    }

    /** "mean" and the covariance Σ = LLᵀ under the name "covariance". */
    @Override
    public Params penaltyCoordinates(Params theta) {
        Var l = theta.get("scale_tril");
        Map<String, Var> m = new LinkedHashMap<>();
        m.put("mean", theta.get("mean"));
        m.put("covariance", Ops.matmul(l, l, false, true));
        return Params.of(m);
    }
}
