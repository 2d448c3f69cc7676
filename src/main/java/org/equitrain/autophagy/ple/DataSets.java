package org.equitrain.autophagy.ple;

import java.util.SplittableRandom;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Gaussian;
import org.equitrain.tensor.Tensor;

/** A source of conditioning sets for PLE training: each call gives one set [n, d], drawn with {@code rng}. */
@FunctionalInterface
public interface DataSets {
    /** The next conditioning set [n, d]. */
    Tensor next(SplittableRandom rng);

    /**
     * Minibatches of {@code batchSize} rows of {@code data} [N, d] without replacement, reshuffled (with the
     * caller's rng) at each epoch; a final short batch is dropped so every set has the same size.
     */
    static DataSets minibatches(Tensor data, int batchSize) {
        return new Minibatches(data, batchSize);
    }

    /**
     * The "ple-bias" protocol (spec §8) [choice]: each set holds n i.i.d. draws of N(μ, σ² I) in d dimensions with its
     * own μ ~ U(−meanSpread, meanSpread)^d and σ² log-uniform on [minVariance, maxVariance], so a data-independent
     * estimator cannot satisfy autophagy consistency by outputting one fixed truth.
     */
    static DataSets varyingGaussians(int n, int d, double meanSpread, double minVariance, double maxVariance) {
        if (n < 1 || d < 1 || !(meanSpread >= 0) || !(minVariance > 0) || !(maxVariance >= minVariance)
                || Double.isInfinite(meanSpread + maxVariance)) {
            throw new IllegalArgumentException("need n, d >= 1, a finite mean spread >= 0 and finite 0 < minVariance"
                    + " <= maxVariance, got n=" + n + " d=" + d + " spread " + meanSpread + " variances ["
                    + minVariance + ", " + maxVariance + "]");
        }
        return rng -> {
            double[] mean = new double[d];
            for (int j = 0; j < d; j++) {
                mean[j] = meanSpread * (2 * rng.nextDouble() - 1);
            }
            double logVar = Math.log(minVariance) + rng.nextDouble() * Math.log(maxVariance / minVariance);
            double sd = Math.exp(0.5 * logVar);
            Tensor x = Tensor.zeros(DType.FLOAT64, n, d);
            double[] v = x.doubles();
            NormalizedGaussianSampler normal = Gaussian.sampler(rng);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    v[i * d + j] = mean[j] + sd * normal.sample();
                }
            }
            return x;
        };
    }
}
