package org.equitrain.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.junit.jupiter.api.Test;

/** Standard normal draws: one stream however the samplers are taken, and the law of N(0, 1). */
class GaussianTest {

    @Test
    void samplersTakenInTurnFromOneGeneratorContinueOneStream() {
        double[] one = new double[1000];
        NormalizedGaussianSampler single = Gaussian.sampler(new SplittableRandom(11));
        for (int i = 0; i < one.length; i++) {
            one[i] = single.sample();
        }
        SplittableRandom shared = new SplittableRandom(11);
        double[] other = new double[1000];
        for (int i = 0; i < other.length; i++) {
            other[i] = Gaussian.sampler(shared).sample(); // a new sampler per draw, as loops take one per tensor
        }
        assertArrayEquals(one, other, 0.0);
        assertArrayEquals(one, Tensor.randn(DType.FLOAT64, new SplittableRandom(11), 1000).toDoubleArray(), 0.0);
    }

    @Test
    void drawsFollowTheStandardNormalLaw() {
        int n = 1_000_000;
        NormalizedGaussianSampler normal = Gaussian.sampler(new SplittableRandom(5));
        double sum = 0;
        double sumSq = 0;
        int beyondTwo = 0;
        int beyondThree = 0;
        for (int i = 0; i < n; i++) {
            double z = normal.sample();
            sum += z;
            sumSq += z * z;
            beyondTwo += Math.abs(z) > 2 ? 1 : 0;
            beyondThree += Math.abs(z) > 3 ? 1 : 0;
        }
        // 5-sigma bands: SE of the mean 1/√n, of the second moment √(2/n), of a tail share √(p(1−p)/n)
        assertEquals(0, sum / n, 5 / Math.sqrt(n));
        assertEquals(1, sumSq / n, 5 * Math.sqrt(2.0 / n));
        double p2 = 0.04550026389635842; // P(|Z| > 2)
        double p3 = 0.0026997960632601866; // P(|Z| > 3)
        assertEquals(p2, (double) beyondTwo / n, 5 * Math.sqrt(p2 * (1 - p2) / n));
        assertEquals(p3, (double) beyondThree / n, 5 * Math.sqrt(p3 * (1 - p3) / n));
    }
}
