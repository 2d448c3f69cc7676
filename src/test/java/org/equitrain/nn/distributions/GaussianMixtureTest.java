package org.equitrain.nn.distributions;

import static org.equitrain.autodiff.GradCheck.check;
import static org.equitrain.autodiff.GradCheck.randn;
import static org.equitrain.nn.distributions.MultivariateNormalTest.factor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Float32;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Elementwise;
import org.equitrain.tensor.Gemm;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Gaussian mixtures: log-density against direct sums, moments by Monte Carlo, gradients of logProb and rsample. */
class GaussianMixtureTest {
    private static final Var LOGITS = Var.constant(Tensor.vector(Math.log(0.3), Math.log(0.7)));
    private static final Var MEANS = Var.constant(Tensor.of(new double[] {-1, 0, 2, 1}, 2, 2));
    private static final Var FACTORS = Var.constant(Tensor.of(new double[] {1, 0, 0.5, 0.8, 0.6, 0, -0.3, 1.2},
            2, 2, 2));

    /** Σ_k = L_k L_kᵀ, [2, 2, 2]. */
    private static Tensor covariances() {
        return Gemm.matmul(FACTORS.value(), FACTORS.value(), false, true);
    }

    private static Tensor positive(long seed, int... dims) {
        return Elementwise.map(randn(seed, dims), x -> 0.5 + Math.abs(x));
    }

    @Test
    void oneDimensionalLogProbMatchesTheDirectSum() {
        double[] w = {0.3, 0.7};
        double[] mu = {-1, 2};
        double[] var = {0.5, 2};
        GaussianMixture gmm = GaussianMixture.withDiagonalVariances(LOGITS, Var.constant(Tensor.of(mu, 2, 1)),
                Var.constant(Tensor.of(var, 2, 1)));
        double[] xs = {-1.5, 0.4, 3};
        Tensor lp = gmm.logProb(Var.constant(Tensor.of(xs, 3, 1))).value();
        assertEquals(Shape.of(3), lp.shape());
        for (int i = 0; i < xs.length; i++) {
            double p = 0;
            for (int k = 0; k < 2; k++) {
                p += w[k] * Math.exp(-(xs[i] - mu[k]) * (xs[i] - mu[k]) / (2 * var[k])) / Math.sqrt(2 * Math.PI * var[k]);
            }
            assertEquals(Math.log(p), lp.getFlat(i), 1e-14);
        }
        GaussianMixture full = GaussianMixture.withScaleTrils(LOGITS, Var.constant(Tensor.of(mu, 2, 1)),
                Var.constant(Tensor.of(new double[] {Math.sqrt(0.5), Math.sqrt(2)}, 2, 1, 1)));
        assertArrayEquals(lp.toDoubleArray(), full.logProb(Var.constant(Tensor.of(xs, 3, 1))).value().toDoubleArray(),
                1e-14);
    }

    @Test
    void fullCovarianceLogProbIsTheWeightedSumOfComponentDensities() {
        Var x = Var.constant(randn(1, 5, 2));
        Tensor lp = GaussianMixture.withScaleTrils(LOGITS, MEANS, FACTORS).logProb(x).value();
        double[] w = {0.3, 0.7};
        double[] p = new double[5];
        for (int k = 0; k < 2; k++) {
            MultivariateNormal c = MultivariateNormal.ofScaleTril(MEANS.narrow(0, k, 1).reshape(2),
                    FACTORS.narrow(0, k, 1).reshape(2, 2));
            Tensor ck = c.logProb(x).value();
            for (int i = 0; i < 5; i++) {
                p[i] += w[k] * Math.exp(ck.getFlat(i));
            }
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(Math.log(p[i]), lp.getFlat(i), 1e-13);
        }
        Var covs = Var.constant(covariances());
        assertArrayEquals(lp.toDoubleArray(), GaussianMixture.withCovariances(LOGITS, MEANS, covs).logProb(x).value()
                .toDoubleArray(), 1e-13);
        assertArrayEquals(new double[] {0.3, 0.7}, GaussianMixture.withScaleTrils(LOGITS, MEANS, FACTORS).weights()
                .value().toDoubleArray(), 1e-15);
        assertThrows(ShapeException.class, () -> GaussianMixture.withScaleTrils(LOGITS, MEANS, MEANS));
        Var threeByThree = Var.constant(Tensor.zeros(DType.FLOAT64, 2, 3, 3)); // K fits, d = 2 does not
        ShapeException e = assertThrows(ShapeException.class,
                () -> GaussianMixture.withScaleTrils(LOGITS, MEANS, threeByThree));
        assertTrue(e.getMessage().contains("GaussianMixture") && e.getMessage().contains("[K, d, d]"),
                e.getMessage());
    }

    @Test
    void samplesHaveTheMixtureMeanAndCovariance() {
        GaussianMixture gmm = GaussianMixture.withScaleTrils(LOGITS, MEANS, FACTORS);
        Tensor s = gmm.sample(60_000, new SplittableRandom(2));
        assertEquals(Shape.of(60_000, 2), s.shape());
        // m = Σ w_k μ_k; C = Σ w_k (Σ_k + μ_k μ_kᵀ) − m mᵀ.
        double[] w = {0.3, 0.7};
        double[] m = new double[2];
        double[] c = new double[4];
        Tensor sig = covariances();
        for (int k = 0; k < 2; k++) {
            for (int a = 0; a < 2; a++) {
                m[a] += w[k] * MEANS.value().get(k, a);
                for (int b = 0; b < 2; b++) {
                    c[a * 2 + b] += w[k] * (sig.get(k, a, b) + MEANS.value().get(k, a) * MEANS.value().get(k, b));
                }
            }
        }
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                c[a * 2 + b] -= m[a] * m[b];
            }
        }
        // Mixture variances are ≈ 2.6 and 1.3: standard errors of the means ≈ 0.007, of the covariances ≈ 0.02.
        assertArrayEquals(m, Moments.mean(s), 0.03);
        assertArrayEquals(c, Moments.covariance(s), 0.08);
    }

    @Test
    void logProbGradients() {
        check(v -> GaussianMixture.withScaleTrils(v.get(0), v.get(1), v.get(2)).logProb(v.get(3)),
                randn(3, 3), randn(4, 3, 2), factor(5, 3, 2, 2), randn(6, 4, 2));
        check(v -> GaussianMixture.withDiagonalVariances(v.get(0), v.get(1), v.get(2)).logProb(v.get(3)),
                randn(7, 2), randn(8, 2, 3), positive(9, 2, 3), randn(10, 5, 3));
        check(v -> GaussianMixture.withCovariances(LOGITS, v.get(0), v.get(1)).logProb(Var.constant(randn(11, 3, 2))),
                MEANS.value(), covariances());
    }

    @Test
    void rsampleIsPathwiseInMeansAndScalesButNotInWeights() {
        check(v -> {
            Var z = GaussianMixture.withScaleTrils(LOGITS, v.get(0), v.get(1)).rsample(40, new SplittableRandom(12));
            return z.mul(z).mean(0, false);
        }, MEANS.value(), FACTORS.value());
        check(v -> GaussianMixture.withDiagonalVariances(LOGITS, v.get(0), v.get(1)).rsample(6,
                new SplittableRandom(13)), MEANS.value(), positive(14, 2, 2));
        Var logits = Var.param(LOGITS.value().copy());
        Var z = GaussianMixture.withScaleTrils(logits, MEANS, FACTORS).rsample(10, new SplittableRandom(15));
        assertArrayEquals(new double[2], Grad.gradTensors(z.sum(), List.of(logits)).get(0).toDoubleArray());
    }

    @Test
    void float32AgreesWithFloat64() {
        Float32.assertAgrees(v -> GaussianMixture.withScaleTrils(v.get(0), v.get(1), v.get(2)).logProb(v.get(3)),
                1e-5, randn(16, 3), randn(17, 3, 2), factor(18, 3, 2, 2), randn(19, 4, 2));
        Float32.assertAgrees(v -> GaussianMixture.withDiagonalVariances(v.get(0), v.get(1), v.get(2)).rsample(5,
                new SplittableRandom(20)), 1e-5, randn(21, 3), randn(22, 3, 2), positive(23, 3, 2));
    }
}
