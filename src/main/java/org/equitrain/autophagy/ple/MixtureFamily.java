package org.equitrain.autophagy.ple;

import java.util.List;
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
 * A mixture of K diagonal Gaussians Σ_k π_k N(μ_k, diag σ²_k) (PLE spec §5, after torchhyper's
 * {@code gaussian_mixture_model.py}, with diagonal covariances): "weights" [K] (softmax, starts uniform), "means"
 * [K, d] (component k starts at k in every coordinate, so components differ from the first step) and "variances"
 * [K, d] (softplus, start at 1).
 *
 * <p>Sampling follows spec §5: the component of each sample is the arg max of a Gumbel perturbation of log π (the
 * Gumbel-max trick: an exact draw from π; a Gumbel-softmax temperature does not move the arg max), and the sample is
 * a reparameterised normal from that component. The weights get no gradient through samples — only through the
 * likelihood and through their own coordinate of the penalty; means and variances get gradients through the samples.
 */
public final class MixtureFamily implements DensityFamily {
    private final int components;
    private final int dim;

    public MixtureFamily(int components, int dim) {
        if (components < 1 || dim < 1) {
            throw new IllegalArgumentException("a mixture needs >= 1 component and dimension >= 1, got " + components
                    + " and " + dim);
        }
        this.components = components;
        this.dim = dim;
    }

    public int components() {
        return components;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public ParamConstraints constraints() {
        return ParamConstraints.none().with("weights", Constraint.SIMPLEX).with("variances", Constraint.POSITIVE);
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        Init spread = (dtype, rng, shape) -> {
            Tensor t = Tensor.zeros(dtype, shape);
            for (int i = 0; i < t.size(); i++) {
                t.setFlat(i, i / dim);
            }
            return t;
        };
        return List.of(new ParamSpec("weights", new int[] {components}, Init.zeros()),
                new ParamSpec("means", new int[] {components, dim}, spread),
                new ParamSpec("variances", new int[] {components, dim}, Init.constant(GaussianFamily.RAW_UNIT)));
    }

    /** −log Σ_k exp(log π_k + log N(x; μ_k, diag σ²_k)) per sample, by log-sum-exp over k. */
    @Override
    public Var nll(Params theta, Var x) {
        int n = x.dim(0);
        Var variances = theta.get("variances");
        Var r = Ops.sub(Ops.reshape(x, n, 1, dim), theta.get("means"));                     // [n, K, d]
        Var perCoordinate = Ops.add(Activations.log(variances), Ops.div(Ops.mul(r, r), variances));
        Var logNormal = Ops.mulScalar(Ops.addScalar(Ops.sum(perCoordinate, 2, false), dim * GaussianFamily.LOG_2PI),
                -0.5);                                                                        // [n, K]
        Var joint = Ops.add(logNormal, Activations.log(theta.get("weights")));
        return Ops.neg(Activations.logSumExp(joint, 1, false));
    }

    /** Component c_i = argmax_k (log π_k + g_ik), g Gumbel; x_i = μ_{c_i} + σ_{c_i} ⊙ ε_i. */
    @Override
    public Var sample(Params theta, int n, SplittableRandom rng) {
        Tensor weights = theta.get("weights").value();
        int[] chosen = new int[n];
        for (int i = 0; i < n; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < components; k++) {
                double gumbel = -Math.log(-Math.log(1 - rng.nextDouble())); // 1 − u ∈ (0, 1]
                double score = Math.log(weights.getFlat(k)) + gumbel;
                if (score > best) {
                    best = score;
                    chosen[i] = k;
                }
            }
        }
        Var mean = Indexing.indexSelect(theta.get("means"), 0, chosen);                     // [n, d]
        Var variance = Indexing.indexSelect(theta.get("variances"), 0, chosen);
        Var eps = Var.constant(Tensor.randn(mean.dtype(), rng, n, dim));
        Var sd = Activations.exp(Ops.mulScalar(Activations.log(variance), 0.5));
        return Ops.add(mean, Ops.mul(eps, sd));
    }
}
