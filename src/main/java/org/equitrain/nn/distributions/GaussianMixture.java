package org.equitrain.nn.distributions;

import java.util.SplittableRandom;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Indexing;
import org.equitrain.autodiff.Linalg;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/**
 * A mixture of K Gaussians over vectors of size d: mixture logits [K] (weights softmax(logits)), means [K, d] and
 * either Cholesky factors [K, d, d] (full covariances) or variances [K, d] (diagonal covariances). The density is
 * p(x) = Σ_k w_k N(x; μ_k, Σ_k), evaluated as a log-sum-exp over components.
 */
public final class GaussianMixture implements Reparameterized {
    private final Var logits;
    private final Var means;
    private final Var scales;
    private final boolean full;

    private GaussianMixture(Var logits, Var means, Var scales, boolean full) {
        int k = logits.rank() == 1 ? logits.dim(0) : -1;
        if (k <= 0 || means.rank() != 2 || means.dim(0) != k
                || (full ? scales.rank() != 3 || scales.dim(1) != means.dim(1) || scales.dim(2) != means.dim(1)
                        : !scales.shape().equals(means.shape()))
                || scales.dim(0) != k) {
            throw new ShapeException("GaussianMixture", "logits " + logits.shape() + ", means " + means.shape()
                    + " and " + (full ? "Cholesky factors " : "variances ") + scales.shape() + " do not fit (expected"
                    + " [K], [K, d] and " + (full ? "[K, d, d])" : "[K, d])"));
        }
        this.logits = logits;
        this.means = means;
        this.scales = scales;
        this.full = full;
    }

    /** Components N(μ_k, L_k L_kᵀ) from lower Cholesky factors [K, d, d] with positive diagonals. */
    public static GaussianMixture withScaleTrils(Var logits, Var means, Var scaleTrils) {
        return new GaussianMixture(logits, means, scaleTrils, true);
    }

    /** Components N(μ_k, Σ_k) from SPD covariances [K, d, d], factored by Cholesky. */
    public static GaussianMixture withCovariances(Var logits, Var means, Var covariances) {
        return new GaussianMixture(logits, means, Linalg.cholesky(covariances), true);
    }

    /** Components N(μ_k, diag(v_k)) from variances [K, d]. */
    public static GaussianMixture withDiagonalVariances(Var logits, Var means, Var variances) {
        return new GaussianMixture(logits, means, variances.sqrt(), false);
    }

    /** The mixture weights softmax(logits), [K]. */
    public Var weights() {
        return Activations.softmax(logits, 0);
    }

    /** The number of components K. */
    public int numComponents() {
        return logits.dim(0);
    }

    /** The event size d. */
    public int dim() {
        return means.dim(1);
    }

    /** The K components as one batched Gaussian (batch [K]). */
    public Reparameterized components() {
        return component(means, scales);
    }

    private Reparameterized component(Var m, Var s) {
        return full ? MultivariateNormal.ofScaleTril(m, s) : Normal.ofStd(m, s);
    }

    /** log p(x) = logsumexp_k [log w_k + log N(x; μ_k, Σ_k)] for x [N, d] → [N]. */
    @Override
    public Var logProb(Var x) {
        if (x.rank() != 2 || x.dim(1) != dim()) {
            throw new ShapeException("GaussianMixture.logProb", "samples of shape " + x.shape()
                    + " for a mixture over " + dim() + " dimensions (expected [N, " + dim() + "])");
        }
        Var perComponent = components().logProb(x.reshape(x.dim(0), 1, dim()));
        return Activations.logSumExp(perComponent.add(Activations.logSoftmax(logits, 0)), 1, false);
    }

    /**
     * n draws [n, d]: a component index per draw from Categorical(logits), then μ_k + L_k ε (reparameterised). The
     * component choice carries no gradient, so the logits get none through samples; the means and scales do. This
     * equals the arg max of a Gumbel-softmax over the logits at any temperature (PLE spec §5).
     */
    @Override
    public Var rsample(int n, SplittableRandom rng) {
        Tensor picks = new Categorical(logits.detach()).sample(n, rng);
        int[] k = Indexing.codes("GaussianMixture.rsample", picks, numComponents());
        Reparameterized chosen = component(Indexing.indexSelect(means, 0, k), Indexing.indexSelect(scales, 0, k));
        return chosen.rsample(1, rng).reshape(n, dim());
    }
}
