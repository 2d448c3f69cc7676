package org.equitrain.autophagy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Maximum-likelihood fit of a K-component Gaussian mixture with full covariances by expectation–maximisation
 * (the EM baseline of ple.md §7–§8). Initialisation is seeded: k-means++ seeding of the means from the data,
 * the pooled covariance for every component, equal weights. Iterates until the mean log-likelihood improves by
 * less than {@code tolerance}, or {@code maxIterations}. {@code regularization} is added to every covariance
 * diagonal (as scikit-learn's {@code reg_covar}). Plain EM crawls along the likelihood ridge of overlapping
 * components (on the 0.8/0.2 torchhyper mixture a 1e-6 stopping rule leaves the minority weight at 0.33 instead of
 * ≈ 0.2), so iterations are SQUAREM-accelerated by default, with a monotone safeguard.
 *
 * <p>Defaults: tolerance 1e-10, 2000 iterations (accelerated cycles), regularisation 1e-6, acceleration on. A
 * component whose responsibility mass vanishes keeps its previous mean and covariance with weight ≈ 0.
 */
public final class GaussianMixtureEm implements Estimator<GaussianMixtureModel> {
    private final int components;
    private final double tolerance;
    private final int maxIterations;
    private final double regularization;
    private final boolean accelerated;

    private GaussianMixtureEm(int components, double tolerance, int maxIterations, double regularization,
            boolean accelerated) {
        this.components = components;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.regularization = regularization;
        this.accelerated = accelerated;
    }

    /** EM with {@code k} components and the default tolerance, iteration cap and regularisation. */
    public static GaussianMixtureEm of(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("EM: need at least 1 component, got " + k);
        }
        return new GaussianMixtureEm(k, 1e-10, 2000, 1e-6, true);
    }

    /** Stop when the mean log-likelihood improves by less than {@code tol}. */
    public GaussianMixtureEm withTolerance(double tol) {
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("EM: tolerance must be >= 0, got " + tol);
        }
        return new GaussianMixtureEm(components, tol, maxIterations, regularization, accelerated);
    }

    /** This with an iteration cap of {@code iterations} ≥ 1 (accelerated cycles when acceleration is on). */
    public GaussianMixtureEm withMaxIterations(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("EM: maxIterations must be >= 1, got " + iterations);
        }
        return new GaussianMixtureEm(components, tolerance, iterations, regularization, accelerated);
    }

    /** This with {@code reg} ≥ 0 added to every covariance diagonal. */
    public GaussianMixtureEm withRegularization(double reg) {
        if (!(reg >= 0)) {
            throw new IllegalArgumentException("EM: regularization must be >= 0, got " + reg);
        }
        return new GaussianMixtureEm(components, tolerance, maxIterations, reg, accelerated);
    }

    /** SQUAREM extrapolation (default on) or plain EM steps; both converge to a likelihood maximum. */
    public GaussianMixtureEm withAcceleration(boolean on) {
        return new GaussianMixtureEm(components, tolerance, maxIterations, regularization, on);
    }

    @Override
    public GaussianMixtureModel fit(double[] data, int dim, SplittableRandom rng) {
        int n = Estimator.rows(toString(), data, dim, components);
        double[][] resp = new double[components][n];
        GaussianMixtureModel model = initialise(data, n, dim, rng);
        double previous = Double.NEGATIVE_INFINITY;
        for (int it = 0; it < maxIterations; it++) {
            Step first = step(model, data, n, dim, resp);
            if (first.logLik - previous < tolerance) {
                return first.next;
            }
            previous = first.logLik;
            model = accelerated ? squarem(model, first, data, n, dim, resp) : first.next;
        }
        return model;
    }

    /** An EM update: the mean log-likelihood of the input model and the model after one E- and M-step. */
    private record Step(double logLik, GaussianMixtureModel next) {
    }

    private Step step(GaussianMixtureModel model, double[] x, int n, int d, double[][] resp) {
        double ll = expectation(model, x, n, d, resp);
        return new Step(ll, maximisation(model, x, n, d, resp));
    }

    /**
     * One SQUAREM cycle (Varadhan &amp; Roland 2008, scheme S3) from θ0 with θ1 = EM(θ0), θ2 = EM(θ1):
     * r = θ1 − θ0, v = θ2 − 2θ1 + θ0, α = −‖r‖/‖v‖, θ' = θ0 − 2αr + α²v, then one stabilising EM step. The
     * result is accepted only if θ' is a valid mixture whose likelihood is at least θ0's (so the sequence stays
     * monotone); otherwise α moves halfway toward −1, where θ' = θ2 (plain EM).
     */
    private GaussianMixtureModel squarem(GaussianMixtureModel m0, Step first, double[] x, int n, int d,
            double[][] resp) {
        Step second = step(first.next, x, n, d, resp);
        double[] t0 = flatten(m0);
        double[] t1 = flatten(first.next);
        double[] t2 = flatten(second.next);
        double[] r = new double[t0.length];
        double[] v = new double[t0.length];
        double rr = 0;
        double vv = 0;
        for (int i = 0; i < t0.length; i++) {
            r[i] = t1[i] - t0[i];
            v[i] = t2[i] - 2 * t1[i] + t0[i];
            rr += r[i] * r[i];
            vv += v[i] * v[i];
        }
        double alpha = -Math.sqrt(rr / vv);
        while (alpha < -1.01) {
            double[] t = new double[t0.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = t0[i] - 2 * alpha * r[i] + alpha * alpha * v[i];
            }
            GaussianMixtureModel candidate = unflatten(t, d);
            if (candidate != null) {
                Step stabilised = step(candidate, x, n, d, resp);
                if (stabilised.logLik >= first.logLik) {
                    return stabilised.next;
                }
            }
            alpha = (alpha - 1) / 2;
        }
        return second.next;
    }

    /** θ = (π_1..π_K, μ_1..μ_K, Σ_1..Σ_K) as one vector. */
    private double[] flatten(GaussianMixtureModel m) {
        int d = m.dim();
        double[] t = new double[components * (1 + d + d * d)];
        int pos = components;
        for (int k = 0; k < components; k++) {
            t[k] = m.weight(k);
            System.arraycopy(m.component(k).mean(), 0, t, pos, d);
            pos += d;
        }
        for (int k = 0; k < components; k++) {
            System.arraycopy(m.component(k).covariance(), 0, t, pos, d * d);
            pos += d * d;
        }
        return t;
    }

    /** The mixture of a parameter vector, or null when a weight is negative or a covariance is not PD. */
    private GaussianMixtureModel unflatten(double[] t, int d) {
        double[] weights = Arrays.copyOf(t, components);
        for (double w : weights) {
            if (!(w >= 0)) {
                return null;
            }
        }
        normalise(weights);
        List<GaussianModel> comps = new ArrayList<>(components);
        int covStart = components * (1 + d);
        try {
            for (int k = 0; k < components; k++) {
                comps.add(new GaussianModel(Arrays.copyOfRange(t, components + k * d, components + (k + 1) * d),
                        Arrays.copyOfRange(t, covStart + k * d * d, covStart + (k + 1) * d * d)));
            }
        } catch (IllegalArgumentException notPositiveDefinite) {
            return null;
        }
        return new GaussianMixtureModel(weights, comps);
    }

    /** E-step: responsibilities {@code r_ik ∝ π_k N(x_i; μ_k, Σ_k)}; returns the mean log-likelihood. */
    private double expectation(GaussianMixtureModel model, double[] x, int n, int d, double[][] resp) {
        double total = 0;
        double[] logTerms = new double[components];
        double[] logWeights = new double[components];
        for (int k = 0; k < components; k++) {
            logWeights[k] = Math.log(model.weight(k));
        }
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < components; k++) {
                logTerms[k] = logWeights[k] + model.component(k).logDensity(x, i * d);
                max = Math.max(max, logTerms[k]);
            }
            double sum = 0;
            for (int k = 0; k < components; k++) {
                logTerms[k] = Math.exp(logTerms[k] - max);
                sum += logTerms[k];
            }
            for (int k = 0; k < components; k++) {
                resp[k][i] = logTerms[k] / sum;
            }
            total += max + Math.log(sum);
        }
        return total / n;
    }

    /** M-step: {@code π_k = N_k/n}, responsibility-weighted means and covariances (÷N_k) plus regularisation. */
    private GaussianMixtureModel maximisation(GaussianMixtureModel previous, double[] x, int n, int d,
            double[][] resp) {
        double[] weights = new double[components];
        List<GaussianModel> comps = new ArrayList<>(components);
        for (int k = 0; k < components; k++) {
            double nk = 0;
            for (int i = 0; i < n; i++) {
                nk += resp[k][i];
            }
            weights[k] = nk / n;
            if (nk < 1e-10 * n) {
                comps.add(previous.component(k));
                continue;
            }
            double[] mean = Moments.mean(x, n, d, resp[k]);
            double[] cov = Moments.scatter(x, n, d, mean, resp[k]);
            for (int j = 0; j < cov.length; j++) {
                cov[j] /= nk;
            }
            addDiagonal(cov, d, regularization);
            comps.add(new GaussianModel(mean, cov));
        }
        normalise(weights);
        return new GaussianMixtureModel(weights, comps);
    }

    /** k-means++ seeding of the means; every component starts with the pooled MLE covariance. */
    private GaussianMixtureModel initialise(double[] x, int n, int d, SplittableRandom rng) {
        double[] pooledMean = Moments.mean(x, n, d, null);
        double[] pooled = Moments.scatter(x, n, d, pooledMean, null);
        for (int j = 0; j < pooled.length; j++) {
            pooled[j] /= n;
        }
        addDiagonal(pooled, d, Math.max(regularization, 1e-12));
        double[] dist = new double[n];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        List<GaussianModel> comps = new ArrayList<>(components);
        int chosen = rng.nextInt(n);
        for (int k = 0; k < components; k++) {
            double[] mean = new double[d];
            System.arraycopy(x, chosen * d, mean, 0, d);
            comps.add(new GaussianModel(mean, pooled));
            double total = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = x[i * d + j] - mean[j];
                    s += diff * diff;
                }
                dist[i] = Math.min(dist[i], s);
                total += dist[i];
            }
            chosen = total > 0 ? pick(dist, total, rng) : rng.nextInt(n);
        }
        double[] weights = new double[components];
        Arrays.fill(weights, 1.0 / components);
        return new GaussianMixtureModel(weights, comps);
    }

    /** An index drawn with probability proportional to {@code dist}. */
    private static int pick(double[] dist, double total, SplittableRandom rng) {
        double u = rng.nextDouble() * total;
        double cum = 0;
        for (int i = 0; i < dist.length; i++) {
            cum += dist[i];
            if (u < cum) {
                return i;
            }
        }
        return dist.length - 1;
    }

    private static void addDiagonal(double[] cov, int d, double v) {
        for (int i = 0; i < d; i++) {
            cov[i * d + i] += v;
        }
    }

    private static void normalise(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        for (int k = 0; k < w.length; k++) {
            w[k] /= s;
        }
    }

    @Override
    public String toString() {
        return "Gaussian mixture EM (K=" + components + ")";
    }
}
