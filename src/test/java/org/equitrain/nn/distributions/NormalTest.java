package org.equitrain.nn.distributions;

import static org.equitrain.autodiff.GradCheck.check;
import static org.equitrain.autodiff.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Float32;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Elementwise;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Diagonal Gaussian: closed-form log-density, Monte-Carlo moments, pathwise gradients and closed-form KL. */
class NormalTest {
    private static final Var MEAN = Var.constant(Tensor.vector(1, -2));
    private static final Var STD = Var.constant(Tensor.vector(0.5, 3));

    private static Tensor positive(long seed, int... dims) {
        return Elementwise.map(randn(seed, dims), x -> 0.5 + Math.abs(x));
    }

    @Test
    void logProbMatchesTheClosedForm() {
        Normal p = Normal.ofStd(MEAN, STD);
        Var x = Var.constant(Tensor.of(new double[] {1.5, 1, 0, -2}, 2, 2));
        Tensor lp = p.logProb(x).value();
        assertEquals(Shape.of(2), lp.shape());
        // Row 0: z = (1, 1); row 1: z = (−2, 0).
        double norm = -Math.log(0.5) - Math.log(3) - Math.log(2 * Math.PI);
        assertEquals(-0.5 * (1 + 1) + norm, lp.getFlat(0), 1e-14);
        assertEquals(-0.5 * 4 + norm, lp.getFlat(1), 1e-14);
        Normal byVariance = Normal.ofVariance(MEAN, Var.constant(Tensor.vector(0.25, 9)));
        assertArrayEquals(lp.toDoubleArray(), byVariance.logProb(x).value().toDoubleArray(), 1e-14);
        assertThrows(ShapeException.class, () -> p.logProb(Var.constant(randn(1, 4, 3))));
    }

    @Test
    void batchedGaussiansBroadcastAgainstSamples() {
        Normal batch = Normal.ofStd(Var.constant(randn(2, 3, 2)), Var.constant(positive(3, 3, 2)));
        Var x = Var.constant(randn(4, 5, 1, 2));
        Tensor lp = batch.logProb(x).value();
        assertEquals(Shape.of(5, 3), lp.shape());
        Normal second = Normal.ofStd(batch.mean().narrow(0, 1, 1).reshape(2), batch.std().narrow(0, 1, 1).reshape(2));
        Tensor ref = second.logProb(x.reshape(5, 2)).value();
        for (int i = 0; i < 5; i++) {
            assertEquals(ref.getFlat(i), lp.get(i, 1), 1e-14);
        }
    }

    @Test
    void samplesHaveTheRightMomentsAndAreReproducible() {
        Normal p = Normal.ofStd(MEAN, STD);
        Tensor s = p.sample(40_000, new SplittableRandom(1));
        assertEquals(Shape.of(40_000, 2), s.shape());
        double[] m = Moments.mean(s);
        double[] c = Moments.covariance(s);
        // Standard errors: σ/√n = 0.0025 and 0.015; of the variances σ²·√(2/n) ≈ 0.0018 and 0.064.
        assertEquals(1, m[0], 0.0125);
        assertEquals(-2, m[1], 0.075);
        assertEquals(0.25, c[0], 0.009);
        assertEquals(9, c[3], 0.32);
        assertEquals(0, c[1], 0.04);
        assertArrayEquals(s.toDoubleArray(), p.sample(40_000, new SplittableRandom(1)).toDoubleArray());
    }

    @Test
    void logProbGradients() {
        check(v -> Normal.ofStd(v.get(0), v.get(1)).logProb(v.get(2)), randn(5, 3), positive(6, 3), randn(7, 4, 3));
        check(v -> Normal.ofVariance(v.get(0), v.get(1)).logProb(v.get(2)), randn(8, 2, 3), positive(9, 2, 3),
                randn(10, 4, 1, 3));
    }

    @Test
    void pathwiseGradientOfAMonteCarloExpectation() {
        // E[Σ z²] = Σ (μ² + σ²): the reparameterised estimate with fixed noise is differentiable in (μ, σ) ...
        check(v -> {
            Var z = Normal.ofStd(v.get(0), v.get(1)).rsample(64, new SplittableRandom(11));
            return z.mul(z).mean();
        }, randn(12, 3), positive(13, 3));
        // ... and its gradient estimates the exact gradient (2μ, 2σ)/d.
        Var mu = Var.param(Tensor.vector(0.5, -1));
        Var sigma = Var.param(Tensor.vector(1.5, 0.7));
        Var z = Normal.ofStd(mu, sigma).rsample(50_000, new SplittableRandom(14));
        List<Tensor> g = Grad.gradTensors(z.mul(z).sum(1, false).mean(), List.of(mu, sigma));
        assertArrayEquals(new double[] {1, -2}, g.get(0).toDoubleArray(), 0.05);
        assertArrayEquals(new double[] {3, 1.4}, g.get(1).toDoubleArray(), 0.05);
    }

    @Test
    void klMatchesTheClosedFormAndMonteCarlo() {
        Normal p = Normal.ofStd(MEAN, STD);
        Normal q = Normal.ofStd(Var.constant(Tensor.vector(0, 0)), Var.constant(Tensor.vector(1, 2)));
        double expected = Math.log(1 / 0.5) + (0.25 + 1) / 2 - 0.5 + Math.log(2 / 3.0) + (9 + 4) / 8.0 - 0.5;
        assertEquals(expected, Normal.kl(p, q).item(), 1e-14);
        assertEquals(0, Normal.kl(p, p).item(), 1e-15);
        Var x = Var.constant(p.sample(200_000, new SplittableRandom(15)));
        double mc = p.logProb(x).sub(q.logProb(x)).mean().item();
        assertEquals(expected, mc, 0.02);
        assertEquals(Normal.kl(p, Normal.standard(DType.FLOAT64, 2)).item(),
                Normal.kl(p, Normal.ofStd(Var.constant(Tensor.zeros(DType.FLOAT64, 2)),
                        Var.constant(Tensor.ones(DType.FLOAT64, 2)))).item());
        check(v -> Normal.kl(Normal.ofStd(v.get(0), v.get(1)), Normal.ofStd(v.get(2), v.get(3))),
                randn(16, 2, 3), positive(17, 2, 3), randn(18, 3), positive(19, 3));
    }

    @Test
    void float32AgreesWithFloat64() {
        Float32.assertAgrees(v -> Normal.ofStd(v.get(0), v.get(1)).logProb(v.get(2)), 1e-5,
                randn(20, 3), positive(21, 3), randn(22, 5, 3));
        Float32.assertAgrees(v -> Normal.ofStd(v.get(0), v.get(1)).rsample(4, new SplittableRandom(23)), 1e-5,
                randn(24, 3), positive(25, 3));
    }
}
