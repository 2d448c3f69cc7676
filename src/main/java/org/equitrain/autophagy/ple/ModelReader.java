package org.equitrain.autophagy.ple;

import org.equitrain.autophagy.GaussianModel;
import org.equitrain.autophagy.GenerativeModel;
import org.equitrain.nn.Params;

/**
 * Turns the model-facing parameters θ of a {@link DensityFamily} into a fitted {@link GenerativeModel} that a
 * {@link org.equitrain.autophagy.SelfConsumingLoop} can sample and score.
 */
@FunctionalInterface
public interface ModelReader {
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
}
