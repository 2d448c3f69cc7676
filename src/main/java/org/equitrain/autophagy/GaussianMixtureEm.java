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
 * diagonal (as scikit-learn's {@code reg_covar}).
 *
 * <p>Defaults: tolerance 1e-6, 500 iterations, regularisation 1e-6. A component whose responsibility mass
 * vanishes keeps its previous mean and covariance with weight ≈ 0.
 */
public final class GaussianMixtureEm implements Estimator<GaussianMixtureModel> {
    private final int components;
    private final double tolerance;
    private final int maxIterations;
    private final double regularization;

    private GaussianMixtureEm(int components, double tolerance, int maxIterations, double regularization) {
        this.components = components;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.regularization = regularization;
    }

    /** EM with {@code k} components and the default tolerance, iteration cap and regularisation. */
    public static GaussianMixtureEm of(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("EM: need at least 1 component, got " + k);
        }
        return new GaussianMixtureEm(k, 1e-6, 500, 1e-6);
    }

    /** Stop when the mean log-likelihood improves by less than {@code tol}. */
    public GaussianMixtureEm withTolerance(double tol) {
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("EM: tolerance must be >= 0, got " + tol);
        }
        return new GaussianMixtureEm(components, tol, maxIterations, regularization);
    }

    public GaussianMixtureEm withMaxIterations(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("EM: maxIterations must be >= 1, got " + iterations);
        }
        return new GaussianMixtureEm(components, tolerance, iterations, regularization);
    }

    public GaussianMixtureEm withRegularization(double reg) {
        if (!(reg >= 0)) {
            throw new IllegalArgumentException("EM: regularization must be >= 0, got " + reg);
        }
        return new GaussianMixtureEm(components, tolerance, maxIterations, reg);
    }

    @Override
    public GaussianMixtureModel fit(double[] data, int dim, SplittableRandom rng) {
        int n = Estimator.rows(toString(), data, dim, components);
        GaussianMixtureModel model = initialise(data, n, dim, rng);
        double[][] resp = new double[components][n];
        double previous = Double.NEGATIVE_INFINITY;
        for (int it = 0; it < maxIterations; it++) {
            double ll = expectation(model, data, n, dim, resp);
            model = maximisation(model, data, n, dim, resp);
            if (ll - previous < tolerance) {
                break;
            }
            previous = ll;
        }
        return model;
    }

    /** E-step: responsibilities {@code r_ik ∝ π_k N(x_i; μ_k, Σ_k)}; returns the mean log-likelihood. */
    private double expectation(GaussianMixtureModel model, double[] x, int n, int d, double[][] resp) {
        double total = 0;
        double[] logTerms = new double[components];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < components; k++) {
                logTerms[k] = Math.log(model.weight(k)) + model.component(k).logDensity(x, i * d);
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
