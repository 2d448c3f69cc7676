package org.equitrain.nn.distributions;

import static org.equitrain.autodiff.GradCheck.check;
import static org.equitrain.autodiff.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.equitrain.autodiff.Float32;
import org.equitrain.autodiff.Linalg;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Full-covariance Gaussian: closed-form log-density, batching, Monte-Carlo moments and gradients. */
class MultivariateNormalTest {
    private static final Var MEAN = Var.constant(Tensor.vector(1, -1));
    private static final Var COV = Var.constant(Tensor.of(new double[] {2, 0.5, 0.5, 1}, 2, 2));

    /** A seeded lower-triangular factor with diagonal in [1, 2). */
    static Tensor factor(long seed, int... dims) {
        int d = dims[dims.length - 1];
        Tensor l = Linalg.tril(Var.constant(randn(seed, dims))).value();
        for (int off = 0; off < l.size(); off += d * d) {
            for (int i = 0; i < d; i++) {
                l.setFlat(off + i * d + i, 1 + Math.abs(Math.sin(l.getFlat(off + i * d + i))));
            }
        }
        return l;
    }

    @Test
    void logProbMatchesTheClosedForm() {
        MultivariateNormal p = MultivariateNormal.ofCovariance(MEAN, COV);
        Tensor lp = p.logProb(Var.constant(Tensor.of(new double[] {0.5, 0.2, 1, -1}, 2, 2))).value();
        assertEquals(Shape.of(2), lp.shape());
        // Σ⁻¹ = [[1, −0.5], [−0.5, 2]] / 1.75; diff = (−0.5, 1.2).
        double maha = (0.25 * 1 - 2 * 0.5 * 1.2 * -0.5 + 1.44 * 2) / 1.75;
        double norm = -0.5 * Math.log(1.75) - Math.log(2 * Math.PI);
        assertEquals(-0.5 * maha + norm, lp.getFlat(0), 1e-14);
        assertEquals(norm, lp.getFlat(1), 1e-14);
        MultivariateNormal byFactor = MultivariateNormal.ofScaleTril(MEAN, Linalg.cholesky(COV));
        assertArrayEquals(lp.toDoubleArray(), byFactor.logProb(Var.constant(Tensor.of(new double[] {0.5, 0.2, 1, -1},
                2, 2))).value().toDoubleArray(), 1e-14);
        assertArrayEquals(COV.value().toDoubleArray(), p.covariance().value().toDoubleArray(), 1e-14);
    }

    @Test
    void diagonalFactorAgreesWithTheDiagonalNormal() {
        Var std = Var.constant(Tensor.vector(0.5, 2, 1.5));
        Var mean = Var.constant(randn(1, 3));
        Var x = Var.constant(randn(2, 6, 3));
        assertArrayEquals(Normal.ofStd(mean, std).logProb(x).value().toDoubleArray(),
                MultivariateNormal.ofScaleTril(mean, Linalg.diagEmbed(std)).logProb(x).value().toDoubleArray(), 1e-13);
    }

    @Test
    void batchedFactorsGiveOneColumnPerComponent() {
        Var means = Var.constant(randn(3, 4, 2));
        Var factors = Var.constant(factor(4, 4, 2, 2));
        Var x = Var.constant(randn(5, 6, 2));
        Tensor lp = MultivariateNormal.ofScaleTril(means, factors).logProb(x.reshape(6, 1, 2)).value();
        assertEquals(Shape.of(6, 4), lp.shape());
        for (int k = 0; k < 4; k++) {
            MultivariateNormal single = MultivariateNormal.ofScaleTril(means.narrow(0, k, 1).reshape(2),
                    factors.narrow(0, k, 1).reshape(2, 2));
            Tensor ref = single.logProb(x).value();
            for (int i = 0; i < 6; i++) {
                assertEquals(ref.getFlat(i), lp.get(i, k), 1e-13);
            }
        }
        Tensor shared = MultivariateNormal.ofScaleTril(means, Var.constant(factor(6, 2, 2)))
                .logProb(x.reshape(6, 1, 2)).value();
        assertEquals(Shape.of(6, 4), shared.shape());
        assertThrows(ShapeException.class, () -> MultivariateNormal.ofScaleTril(MEAN, Var.constant(factor(7, 3, 3))));
    }

    @Test
    void samplesHaveTheRightMeanAndCovariance() {
        MultivariateNormal p = MultivariateNormal.ofCovariance(MEAN, COV);
        Tensor s = p.sample(50_000, new SplittableRandom(8));
        double[] m = Moments.mean(s);
        double[] c = Moments.covariance(s);
        // Standard errors ≈ √(Σ_jj / n) ≤ 0.0064 for the mean; ≤ 0.013 for the covariance entries.
        assertEquals(1, m[0], 0.03);
        assertEquals(-1, m[1], 0.03);
        assertArrayEquals(COV.value().toDoubleArray(), c, 0.06);
    }

    @Test
    void logProbGradients() {
        check(v -> MultivariateNormal.ofScaleTril(v.get(0), v.get(1)).logProb(v.get(2)),
                randn(9, 3), factor(10, 3, 3), randn(11, 4, 3));
        check(v -> MultivariateNormal.ofCovariance(v.get(0), v.get(1)).logProb(v.get(2)),
                randn(12, 2), COV.value(), randn(13, 3, 2));
        check(v -> MultivariateNormal.ofScaleTril(v.get(0), v.get(1)).logProb(v.get(2)),
                randn(14, 2, 3), factor(15, 2, 3, 3), randn(16, 4, 1, 3));
    }

    @Test
    void pathwiseGradientOfAMonteCarloExpectation() {
        check(v -> {
            Var z = MultivariateNormal.ofScaleTril(v.get(0), v.get(1)).rsample(32, new SplittableRandom(17));
            return z.mul(z).mean().add(z.narrow(1, 0, 1).mul(z.narrow(1, 2, 1)).mean());
        }, randn(18, 3), factor(19, 3, 3));
        Tensor s = MultivariateNormal.ofScaleTril(Var.constant(randn(20, 2, 3)), Var.constant(factor(21, 2, 3, 3)))
                .rsample(5, new SplittableRandom(22)).value();
        assertEquals(Shape.of(5, 2, 3), s.shape());
    }

    @Test
    void float32AgreesWithFloat64() {
        Float32.assertAgrees(v -> MultivariateNormal.ofScaleTril(v.get(0), v.get(1)).logProb(v.get(2)), 1e-5,
                randn(23, 3), factor(24, 3, 3), randn(25, 4, 3));
        Float32.assertAgrees(v -> MultivariateNormal.ofCovariance(v.get(0), v.get(1)).rsample(3,
                new SplittableRandom(26)), 1e-5, randn(27, 2), COV.value());
    }
}
