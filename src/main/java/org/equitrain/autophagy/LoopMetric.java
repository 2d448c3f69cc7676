package org.equitrain.autophagy;

import java.util.SplittableRandom;

/**
 * A per-generation measurement of a fitted model against the true distribution (ple.md §7 "Metrics per
 * generation"). {@code rng} is a stream reserved for metrics, so Monte-Carlo metrics never change the data.
 */
public record LoopMetric(String name, Fn fn) {

    /** The metric of {@code model} against {@code truth}. */
    public double value(GenerativeModel truth, GenerativeModel model, SplittableRandom rng) {
        return fn.value(truth, model, rng);
    }

    /** Euclidean distance between the model's and the true mean. */
    public static LoopMetric meanShift() {
        return new LoopMetric("meanShift", (truth, model, rng) -> {
            double[] a = truth.mean();
            double[] b = model.mean();
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += (b[i] - a[i]) * (b[i] - a[i]);
            }
            return Math.sqrt(s);
        });
    }

    /** {@code tr Σ_model / tr Σ_true} (in 1-D σ̂²/σ²: the quantity of ple.md §8's table when σ² = 1). */
    public static LoopMetric varianceRatio() {
        return new LoopMetric("varianceRatio", (truth, model, rng) -> trace(model.covariance(), model.dim())
                / trace(truth.covariance(), truth.dim()));
    }

    /** {@code KL(true ‖ model)}: closed form for Gaussians, else Monte Carlo with {@code samples} draws. */
    public static LoopMetric kl(int samples) {
        return new LoopMetric("kl", (truth, model, rng) -> KlDivergence.estimate(truth, model, samples, rng));
    }

    /** Weight of the fitted component nearest the true minority (smallest-weight) component. */
    public static LoopMetric minorityWeight() {
        return new LoopMetric("minorityWeight", (truth, model, rng) -> {
            GaussianMixtureModel fit = mixture(model);
            return fit.weight(fit.nearestComponent(minority(truth).mean()));
        });
    }

    /** Covariance trace (in 1-D the variance) of the fitted component nearest the true minority component. */
    public static LoopMetric minorityVariance() {
        return new LoopMetric("minorityVariance", (truth, model, rng) -> {
            GaussianMixtureModel fit = mixture(model);
            GaussianModel c = fit.component(fit.nearestComponent(minority(truth).mean()));
            return trace(c.covariance(), c.dim());
        });
    }

    /** Mean log-likelihood under the fitted model of {@code samples} draws from the true minority component. */
    public static LoopMetric minorityLogLikelihood(int samples) {
        return new LoopMetric("minorityLogLikelihood", (truth, model, rng) -> {
            double[] x = minority(truth).sample(samples, rng);
            double sum = 0;
            for (int s = 0; s < samples; s++) {
                sum += model.logDensity(x, s * model.dim());
            }
            return sum / samples;
        });
    }

    /** The function behind a metric. */
    @FunctionalInterface
    public interface Fn {
        /** The metric of {@code model} against {@code truth}, with Monte-Carlo draws from {@code rng}. */
        double value(GenerativeModel truth, GenerativeModel model, SplittableRandom rng);
    }

    private static double trace(double[] cov, int d) {
        double t = 0;
        for (int i = 0; i < d; i++) {
            t += cov[i * d + i];
        }
        return t;
    }

    private static GaussianMixtureModel mixture(GenerativeModel m) {
        if (m instanceof GaussianMixtureModel g) {
            return g;
        }
        throw new IllegalArgumentException("minority metrics need Gaussian mixtures, got " + m);
    }

    private static GaussianModel minority(GenerativeModel truth) {
        GaussianMixtureModel t = mixture(truth);
        return t.component(t.minorityComponent());
    }
}
