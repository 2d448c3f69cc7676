package org.equitrain.autophagy.ple;

import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Pointwise;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.hypernet.ParamConstraints;
import org.equitrain.nn.Init;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;
import org.equitrain.tensor.Tensor;

/**
 * A small MLP VAE over [0, 1]-valued vectors (PLE spec §5, smaller than torchhyper's config and without its
 * BatchNorm [choice: BatchNorm statistics of generated weights would be buffers outside θ]): encoder
 * Linear(d → h) + LeakyReLU(0.2), heads μ = Linear(h → z) and σ² = softplus(Linear(h → z)); decoder
 * Linear(z → h) + LeakyReLU(0.2) + Linear(h → d) giving Bernoulli logits. Loss per sample: the negative ELBO,
 * BCE summed over the d pixels plus the closed-form KL(N(μ, σ²) ‖ N(0, I)) (β = 1).
 *
 * <p>Weights are stored at unit scale and multiplied by 1/√fan_in in the forward pass ("equalised" parameters
 * [choice]): a hypernetwork's chunked heads emit O(1) values, which this maps to well-scaled layers; the directly
 * trained (MLE) VAE uses the same parameterisation, so both fit the same model.
 *
 * <p>{@link #nll} draws its reparameterisation noise from the family's own seeded stream (not thread-safe); use
 * {@link #negativeElbo} with an explicit stream elsewhere.
 */
public final class VaeFamily implements DensityFamily {
    private static final double LEAK = 0.2;
    private final int dim;
    private final int hidden;
    private final int latent;
    private final SplittableRandom noise;

    /** A VAE d-h-z over R^{@code dim}; {@code seed} seeds the noise stream of {@link #nll}. */
    public VaeFamily(int dim, int hidden, int latent, long seed) {
        if (dim < 1 || hidden < 1 || latent < 1) {
            throw new IllegalArgumentException("a VAE needs positive sizes, got d=" + dim + " h=" + hidden + " z="
                    + latent);
        }
        this.dim = dim;
        this.hidden = hidden;
        this.latent = latent;
        this.noise = new SplittableRandom(seed);
    }

    @Override
    public int dim() {
        return dim;
    }

    /** Latent size z. */
    public int latent() {
        return latent;
    }

    @Override
    public ParamConstraints constraints() {
        return ParamConstraints.none();
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        return List.of(weight("enc.weight", hidden, dim), bias("enc.bias", hidden),
                weight("mu.weight", latent, hidden), bias("mu.bias", latent),
                weight("var.weight", latent, hidden), bias("var.bias", latent),
                weight("dec.weight", hidden, latent), bias("dec.bias", hidden),
                weight("out.weight", dim, hidden), bias("out.bias", dim));
    }

    private static ParamSpec weight(String name, int out, int in) {
        return new ParamSpec(name, new int[] {out, in}, Init.normal(1));
    }

    private static ParamSpec bias(String name, int n) {
        return new ParamSpec(name, new int[] {n}, Init.zeros());
    }

    @Override
    public Var nll(Params theta, Var x) {
        return negativeElbo(theta, x, noise);
    }

    /** −ELBO per sample [n]: Σ_pixels BCE(decoder(z), x) + KL(q(z|x) ‖ N(0, I)), z = μ + σ ε, one draw. */
    public Var negativeElbo(Params theta, Var x, SplittableRandom rng) {
        Var h = leaky(layer(theta, "enc", x));
        Var mu = layer(theta, "mu", h);
        Var variance = Ops.addScalar(Pointwise.softplus(layer(theta, "var", h)), 1e-6);
        Var eps = Var.constant(Tensor.randn(x.dtype(), rng, x.dim(0), latent));
        Var z = Ops.add(mu, Ops.mul(eps, Pointwise.sqrt(variance)));
        Var logits = decode(theta, z);
        Var bce = Ops.sum(Ops.sub(Pointwise.softplus(logits), Ops.mul(x, logits)), 1, false); // −log Bern(x; σ(l))
        // KL(N(μ, σ²) ‖ N(0, 1)) = ½ Σ (σ² + μ² − 1 − log σ²)
        Var kl = Ops.mulScalar(Ops.sum(Ops.sub(Ops.add(variance, Ops.mul(mu, mu)),
                Ops.addScalar(Activations.log(variance), 1)), 1, false), 0.5);
        return Ops.add(bce, kl);
    }

    /**
     * The mean −ELBO of {@code images} [n, d] under θ, computed without a tape (a number, not a {@link Var}); one
     * reparameterisation draw per image from {@code rng}.
     */
    public double meanNegativeElbo(Params theta, Tensor images, SplittableRandom rng) {
        try (GradMode off = GradMode.off()) {
            return Ops.mean(negativeElbo(theta, Var.constant(images), rng)).item();
        }
    }

    /** n generated vectors: z ~ N(0, I), then the decoder's Bernoulli means σ(logits) (differentiable in θ). */
    @Override
    public Var sample(Params theta, int n, SplittableRandom rng) {
        Tensor like = theta.get("out.bias").value();
        Var z = Var.constant(Tensor.randn(like.dtype(), rng, n, latent));
        return Activations.sigmoid(decode(theta, z));
    }

    private Var decode(Params theta, Var z) {
        return layer(theta, "out", leaky(layer(theta, "dec", z)));
    }

    private static Var layer(Params theta, String name, Var x) {
        Var w = theta.get(name + ".weight");
        Var scaled = Ops.mulScalar(w, 1 / Math.sqrt(w.dim(1)));
        return Ops.linear(x, scaled, theta.get(name + ".bias"));
    }

    private static Var leaky(Var x) {
        return Pointwise.maximum(x, Ops.mulScalar(x, LEAK));
    }
}
