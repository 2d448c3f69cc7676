package org.equitrain.sensitivity.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Gaussian;
import org.equitrain.tensor.Tensor;

/**
 * IVON, the improved variational online Newton optimizer (Shen et al. 2024; {@code ivon-opt} 0.1), an iBLR
 * instance that learns a diagonal Gaussian posterior N(m, diag σ²) while training (MPE spec §3 "iBLR / IVON").
 * Per step: θ = m + ε with ε ~ N(0, diag σ²); ĝ = minibatch mean gradient at θ; ĥ = ĝ ⊙ ε / σ²;
 * g_mom ← β1 g_mom + (1 − β1) ĝ; h ← β2 h + (1 − β2) ĥ + ½(1 − β2)² (h − ĥ)²/(h + wd);
 * m ← m − lr·(h0 + wd)·(g_mom/(1 − β1ᵗ) + wd·m)/(h + wd); with σ² = 1/(N (h + wd)), wd = δ/N, ess = N.
 * The parameters hold the mean m between steps; {@link #variances(Params)} are the posterior variances at m.
 */
public final class Ivon {
    /** Hyper-parameters; {@link #of} gives the spec's defaults (β1 0.9, β2 0.99999, h0 0.1). */
    public record Config(double lr, double beta1, double beta2, double h0, double prior, int examples) {
        /** Checks 0 ≤ β1, β2 &lt; 1, h0 &gt; 0, prior δ &gt; 0, N &gt; 0 and lr ≥ 0. */
        public Config {
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1) || !(h0 > 0) || !(prior > 0)
                    || examples <= 0 || !(lr >= 0)) {
                throw new IllegalArgumentException("ivon: need 0 ≤ β < 1, h0 > 0, prior δ > 0, N > 0, lr ≥ 0; got β "
                        + beta1 + ", " + beta2 + ", h0 " + h0 + ", δ " + prior + ", N " + examples + ", lr " + lr);
            }
        }

        /** The spec's defaults for N training examples and prior precision δ (wd = δ/N). */
        public static Config of(double lr, double h0, double prior, int examples) {
            return new Config(lr, 0.9, 0.99999, h0, prior, examples);
        }

        /** wd = δ/N, the weight decay of the mean-loss convention. */
        public double weightDecay() {
            return prior / examples;
        }
    }

    private final Config config;
    private final Map<String, double[]> hessian = new LinkedHashMap<>();
    private final Map<String, double[]> momentum = new LinkedHashMap<>();
    private double lr;
    private long steps;

    /** An optimizer for {@code params}' shapes: Hessian estimates start at h0, momentum at 0. */
    public Ivon(Config config, Params params) {
        this.config = config;
        this.lr = config.lr();
        for (int i = 0; i < params.names().size(); i++) {
            int size = params.vars().get(i).value().size();
            double[] h = new double[size];
            java.util.Arrays.fill(h, config.h0());
            hessian.put(params.names().get(i), h);
            momentum.put(params.names().get(i), new double[size]);
        }
    }

    /** The hyper-parameters (its {@code lr} is the initial learning rate). */
    public Config config() {
        return config;
    }

    /** The learning rate of the following steps (e.g. from a schedule). */
    public void setLearningRate(double lr) {
        this.lr = lr;
    }

    /** Number of steps taken. */
    public long steps() {
        return steps;
    }

    /**
     * One IVON step: writes θ = m + ε into {@code params}, asks {@code gradientAtSample} for the minibatch mean
     * gradients at θ (order of {@code params.vars()}), then writes the updated mean back.
     */
    public void step(Params params, SplittableRandom rng, Supplier<List<Tensor>> gradientAtSample) {
        List<Var> vars = params.vars();
        List<String> names = params.names();
        double wd = config.weightDecay();
        double[][] means = new double[vars.size()][];
        double[][] noise = new double[vars.size()][];
        for (int i = 0; i < vars.size(); i++) {
            Tensor p = vars.get(i).value();
            double[] m = p.toDoubleArray();
            double[] h = hessian.get(names.get(i));
            double[] e = new double[m.length];
            double[] theta = new double[m.length];
            NormalizedGaussianSampler normal = Gaussian.sampler(rng);
            for (int j = 0; j < m.length; j++) {
                double sigma = 1 / Math.sqrt(config.examples() * (h[j] + wd)); // σ² = 1/(N (h + wd))
                e[j] = sigma * normal.sample();
                theta[j] = m[j] + e[j];
            }
            means[i] = m;
            noise[i] = e;
            p.assign(Tensor.wrap(theta, p.shape()).to(p.dtype()));
        }
        List<Tensor> grads = gradientAtSample.get();
        steps++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        double lrEff = lr * (config.h0() + wd); // ivon-opt's learning-rate rescaling
        double debias = 1 - Math.pow(b1, steps);
        for (int i = 0; i < vars.size(); i++) {
            double[] g = grads.get(i).toDoubleArray();
            double[] h = hessian.get(names.get(i));
            double[] gm = momentum.get(names.get(i));
            double[] m = means[i];
            double[] hHat = reparameterisedHessian(g, noise[i], h, wd, config.examples());
            for (int j = 0; j < m.length; j++) {
                gm[j] = b1 * gm[j] + (1 - b1) * g[j];
                double diff = h[j] - hHat[j];
                h[j] = b2 * h[j] + (1 - b2) * hHat[j] + 0.5 * (1 - b2) * (1 - b2) * diff * diff / (h[j] + wd);
                m[j] -= lrEff * (gm[j] / debias + wd * m[j]) / (h[j] + wd);
            }
            Tensor p = vars.get(i).value();
            p.assign(Tensor.wrap(m, p.shape()).to(p.dtype()));
        }
    }

    /** ĥ = ĝ ⊙ ε / σ² with σ² = 1/(N (h + wd)): the reparameterisation estimate of the diagonal Hessian. */
    static double[] reparameterisedHessian(double[] g, double[] noise, double[] h, double wd, int examples) {
        double[] out = new double[g.length];
        for (int j = 0; j < g.length; j++) {
            out[j] = g[j] * noise[j] * examples * (h[j] + wd);
        }
        return out;
    }

    /** The Hessian estimate h per parameter (copies, in the parameters' shapes). */
    public Map<String, double[]> hessians() {
        Map<String, double[]> out = new LinkedHashMap<>();
        hessian.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    /** Posterior variances σ² = 1/(N (h + wd)) = 1/(N h + δ), by parameter name, float64, shaped like params. */
    public Map<String, Tensor> variances(Params params) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        double wd = config.weightDecay();
        for (int i = 0; i < params.names().size(); i++) {
            String name = params.names().get(i);
            double[] h = hessian.get(name);
            double[] s = new double[h.length];
            for (int j = 0; j < h.length; j++) {
                s[j] = 1 / (config.examples() * (h[j] + wd));
            }
            out.put(name, Tensor.wrap(s, params.vars().get(i).shape()).to(DType.FLOAT64));
        }
        return out;
    }

}
