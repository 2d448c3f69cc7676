package org.equitrain.autophagy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** ple.md §9.5: Fréchet distance oracles. */
class FrechetDistanceTest {

    @Test
    void zeroForIdenticalSets() {
        Tensor f = correlated(1, 500, 6);
        assertEquals(0, FrechetDistance.between(f, f), 1e-10);
        assertEquals(0, FrechetDistance.between(f.to(DType.FLOAT32), f.to(DType.FLOAT32)), 1e-10);
    }

    @Test
    void diagonalGaussiansHaveTheClosedForm() {
        // ‖m0 − m1‖² + Σ(σ0 − σ1)²
        double[] m0 = {0, 1, -2};
        double[] m1 = {0.5, 1, 0};
        double[] s0 = {1, 2, 0.5};
        double[] s1 = {3, 0.5, 0.5};
        double expected = 0.25 + 4 + (1 - 3) * (1 - 3) + (2 - 0.5) * (2 - 0.5);
        assertEquals(expected, FrechetDistance.fromMoments(m0, diag(s0), m1, diag(s1)), 1e-12);
    }

    @Test
    void shiftedAndScaledCopiesOfOneSet() {
        Tensor f = correlated(2, 400, 5);
        double[] x = f.doubles();
        double[] shifted = x.clone();
        double[] scaled = x.clone();
        double[] c = {1, -2, 0.5, 0, 3};
        double norm2 = 1 + 4 + 0.25 + 9;
        for (int i = 0; i < x.length; i++) {
            shifted[i] += c[i % 5];
            scaled[i] *= 3; // Σ1 = 9Σ0, means scale too: FD = ‖2m0‖² + tr Σ0 (1 − 3)²
        }
        assertEquals(norm2, FrechetDistance.between(x, shifted, 5), 1e-9);
        GaussianModel fit = GaussianEstimator.unbiased().fit(x, 5, null);
        double[] m = fit.mean();
        double[] cov = fit.covariance();
        double expected = 0;
        for (int i = 0; i < 5; i++) {
            expected += 4 * m[i] * m[i] + 4 * cov[i * 5 + i];
        }
        assertEquals(expected, FrechetDistance.between(x, scaled, 5), 1e-9);
        assertEquals(FrechetDistance.between(x, scaled, 5), FrechetDistance.between(scaled, x, 5), 1e-9);
    }

    @Test
    void mismatchedFeatureCountsAreReported() {
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.between(correlated(1, 10, 3), correlated(2, 10, 4)));
    }

    private static double[] diag(double[] sd) {
        int d = sd.length;
        double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            c[i * d + i] = sd[i] * sd[i];
        }
        return c;
    }

    /** Rows x = A·z + b with a fixed mixing, so covariances are full. */
    private static Tensor correlated(long seed, int n, int d) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor t = Tensor.randn(DType.FLOAT64, rng, n, d);
        double[] x = t.doubles();
        for (int r = 0; r < n; r++) {
            for (int i = d - 1; i > 0; i--) {
                x[r * d + i] += 0.5 * x[r * d + i - 1] + i;
            }
        }
        return t;
    }
}
