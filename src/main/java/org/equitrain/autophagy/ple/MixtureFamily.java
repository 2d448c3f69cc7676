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
 * a reparameterised normal from that component. By default the weights get no gradient through samples — only
 * through the likelihood and through their own coordinate of the penalty; means and variances get gradients through
 * the samples. Option ({@link #withStraightThrough}, spec §5 [choice]): straight-through Gumbel-softmax, which
 * draws the same samples but passes the gradient of the relaxed one-hot softmax((log π + g)/τ) to the weights.
 */
public final class MixtureFamily implements DensityFamily {
    /** The straight-through temperature τ suggested by torchhyper's schedule floor max(exp(−0.01386·epoch), 0.5). */
    public static final double STRAIGHT_THROUGH_TEMPERATURE = 0.5;
    private final int components;
    private final int dim;
    private final double temperature; // 0: arg-max sampler without gradient to the weights (the default)

    /** The family with the default arg-max sampler (no gradient to the weights through samples). */
    public MixtureFamily(int components, int dim) {
        this(components, dim, 0);
    }

    private MixtureFamily(int components, int dim, double temperature) {
        if (components < 1 || dim < 1) {
            throw new IllegalArgumentException("a mixture needs >= 1 component and dimension >= 1, got " + components
                    + " and " + dim);
        }
        this.components = components;
        this.dim = dim;
        this.temperature = temperature;
    }

    /** The same family sampling with straight-through Gumbel-softmax at temperature τ > 0. */
    public MixtureFamily withStraightThrough(double tau) {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("the Gumbel-softmax temperature must be finite and > 0, got " + tau);
        }
        return new MixtureFamily(components, dim, tau);
    }

    /** Number of components K. */
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

    /**
     * Component c_i = argmax_k (log π_k + g_ik), g Gumbel; x_i = μ_{c_i} + σ_{c_i} ⊙ ε_i. With straight-through
     * Gumbel-softmax the component indicator is y_i = onehot(c_i) + (s_i − stopgrad(s_i)),
     * s_i = softmax((log π + g_i)/τ) (Jang et al. 2017, "straight-through"): its value is exactly the one-hot, so
     * the samples are the same, and x_i = Σ_k y_ik (μ_k + σ_k ⊙ ε_i) passes ∂s/∂π to the weights.
     */
    @Override
    public Var sample(Params theta, int n, SplittableRandom rng) {
        Var weights = theta.get("weights");
        double[] gumbel = new double[n * components];
        int[] chosen = new int[n];
        for (int i = 0; i < n; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < components; k++) {
                gumbel[i * components + k] = -Math.log(-Math.log(1 - rng.nextDouble())); // 1 − u ∈ (0, 1]
                double score = Math.log(weights.value().getFlat(k)) + gumbel[i * components + k];
                if (score > best) {
                    best = score;
                    chosen[i] = k;
                }
            }
        }
        Var eps = Var.constant(Tensor.randn(weights.dtype(), rng, n, dim));
        if (temperature == 0) {
            Var mean = Indexing.indexSelect(theta.get("means"), 0, chosen);                 // [n, d]
            return Ops.add(mean, Ops.mul(eps, sd(Indexing.indexSelect(theta.get("variances"), 0, chosen))));
        }
        Tensor hard = Tensor.zeros(weights.dtype(), n, components);
        for (int i = 0; i < n; i++) {
            hard.setFlat(i * components + chosen[i], 1);
        }
        Var g = Var.constant(Tensor.wrap(gumbel, n, components).to(weights.dtype()));
        Var soft = Activations.softmax(Ops.mulScalar(Ops.add(Activations.log(weights), g), 1 / temperature), 1);
        Var y = Ops.add(Var.constant(hard), Ops.sub(soft, soft.detach()));                  // value: one-hot
        Var all = Ops.add(theta.get("means"), Ops.mul(Ops.reshape(eps, n, 1, dim), sd(theta.get("variances"))));
        return Ops.sum(Ops.mul(Ops.reshape(y, n, components, 1), all), 1, false);          // [n, d]
    }

    private static Var sd(Var variance) {
        return Activations.exp(Ops.mulScalar(Activations.log(variance), 0.5));
    }
}
