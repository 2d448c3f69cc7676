package org.equitrain.autophagy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** A finite mixture {@code Σ_k π_k N(μ_k, Σ_k)} of {@link GaussianModel} components. */
public final class GaussianMixtureModel implements GenerativeModel {
    private final double[] weights;
    private final GaussianModel[] components;
    private final double[] logWeights;
    private final int dim;

    /** Weights must be non-negative and sum to 1 (within 1e-9); components must share one dimension. */
    public GaussianMixtureModel(double[] weights, List<GaussianModel> components) {
        if (weights.length != components.size() || weights.length == 0) {
            throw new IllegalArgumentException("mixture: " + weights.length + " weights for " + components.size()
                    + " components");
        }
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0)) {
                throw new IllegalArgumentException("mixture: negative or NaN weight in " + Arrays.toString(weights));
            }
            total += w;
        }
        if (Math.abs(total - 1) > 1e-9) {
            throw new IllegalArgumentException("mixture: weights " + Arrays.toString(weights) + " sum to " + total);
        }
        this.dim = components.get(0).dim();
        for (GaussianModel c : components) {
            if (c.dim() != dim) {
                throw new IllegalArgumentException("mixture: components of dimension " + c.dim() + " and " + dim);
            }
        }
        this.weights = weights.clone();
        this.components = components.toArray(new GaussianModel[0]);
        this.logWeights = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            logWeights[k] = Math.log(weights[k]);
        }
    }

    /** Number of components K. */
    public int components() {
        return components.length;
    }

    /** Weight π_k of component {@code k}. */
    public double weight(int k) {
        return weights[k];
    }

    /** Component {@code k}. */
    public GaussianModel component(int k) {
        return components[k];
    }

    /** The index of the smallest-weight component (the minority, ple.md §8 "GMM minority"). */
    public int minorityComponent() {
        int best = 0;
        for (int k = 1; k < weights.length; k++) {
            if (weights[k] < weights[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The component whose mean is closest (Euclidean) to {@code point}: matches unordered fitted components. */
    public int nearestComponent(double[] point) {
        int best = 0;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int k = 0; k < components.length; k++) {
            double[] m = components[k].mean();
            double d = 0;
            for (int i = 0; i < dim; i++) {
                d += (m[i] - point[i]) * (m[i] - point[i]);
            }
            if (d < bestDist) {
                bestDist = d;
                best = k;
            }
        }
        return best;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public void sample(int n, double samplingBias, SplittableRandom rng, double[] out, int offset) {
        GenerativeModel.checkSamplingBias(samplingBias);
        double[] z = new double[dim];
        for (int s = 0; s < n; s++) {
            double u = rng.nextDouble();
            int k = 0;
            double cum = weights[0];
            while (u >= cum && k < weights.length - 1) {
                cum += weights[++k];
            }
            components[k].drawInto(samplingBias, rng, z, out, offset + s * dim);
        }
    }

    @Override
    public double logDensity(double[] x, int offset) {
        double[] terms = new double[components.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < components.length; k++) {
            terms[k] = logWeights[k] + components[k].logDensity(x, offset);
            max = Math.max(max, terms[k]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    @Override
    public double[] mean() {
        double[] m = new double[dim];
        for (int k = 0; k < components.length; k++) {
            double[] mk = components[k].mean();
            for (int i = 0; i < dim; i++) {
                m[i] += weights[k] * mk[i];
            }
        }
        return m;
    }

    /** Law of total covariance: {@code Σ_k π_k (Σ_k + μ_k μ_kᵀ) − μ μᵀ}. */
    @Override
    public double[] covariance() {
        double[] m = mean();
        double[] c = new double[dim * dim];
        for (int k = 0; k < components.length; k++) {
            double[] mk = components[k].mean();
            double[] ck = components[k].covariance();
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < dim; j++) {
                    c[i * dim + j] += weights[k] * (ck[i * dim + j] + mk[i] * mk[j]);
                }
            }
        }
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                c[i * dim + j] -= m[i] * m[j];
            }
        }
        return c;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GaussianMixture(");
        for (int k = 0; k < components.length; k++) {
            sb.append(k == 0 ? "" : ", ").append(weights[k]).append("·").append(components[k]);
        }
        return sb.append(')').toString();
    }
}
