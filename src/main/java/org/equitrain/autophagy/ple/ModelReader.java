package org.equitrain.autophagy.ple;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.autophagy.GaussianMixtureModel;
import org.equitrain.autophagy.GaussianModel;
import org.equitrain.autophagy.GenerativeModel;
import org.equitrain.nn.Params;

/**
 * Turns the model-facing parameters θ of a {@link DensityFamily} into a fitted {@link GenerativeModel} that a
 * {@link org.equitrain.autophagy.SelfConsumingLoop} can sample and score.
 */
@FunctionalInterface
public interface ModelReader {
    /** The fitted model with parameters {@code theta}. */
    GenerativeModel read(Params theta);

    /** {@link GaussianFamily}: "mean" [d] and "variance" [d] → N(μ, diag σ²). */
    static ModelReader diagonalGaussian() {
        return theta -> {
            double[] mean = theta.get("mean").value().toDoubleArray();
            double[] variance = theta.get("variance").value().toDoubleArray();
            int d = mean.length;
            double[] cov = new double[d * d];
            for (int j = 0; j < d; j++) {
                cov[j * d + j] = variance[j];
            }
            return new GaussianModel(mean, cov);
        };
    }

    /** {@link MixtureFamily}: "weights" [K], "means" [K, d], "variances" [K, d] → Σ_k π_k N(μ_k, diag σ²_k). */
    static ModelReader diagonalMixture() {
        return theta -> {
            double[] w = theta.get("weights").value().toDoubleArray();
            double[] means = theta.get("means").value().toDoubleArray();
            double[] variances = theta.get("variances").value().toDoubleArray();
            int k = w.length;
            int d = means.length / k;
            double total = 0;
            for (double v : w) {
                total += v;
            }
            List<GaussianModel> comps = new ArrayList<>(k);
            for (int c = 0; c < k; c++) {
                w[c] /= total; // softmax sums to 1 up to rounding; the mixture checks it to 1e-9
                double[] mean = new double[d];
                double[] cov = new double[d * d];
                for (int j = 0; j < d; j++) {
                    mean[j] = means[c * d + j];
                    cov[j * d + j] = variances[c * d + j];
                }
                comps.add(new GaussianModel(mean, cov));
            }
            return new GaussianMixtureModel(w, comps);
        };
    }
}
