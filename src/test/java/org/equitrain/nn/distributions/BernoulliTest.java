package org.equitrain.nn.distributions;

import static org.equitrain.autodiff.GradCheck.check;
import static org.equitrain.autodiff.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.equitrain.autodiff.Float32;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Elementwise;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Bernoulli over 0/1 vectors: stable log-mass, soft targets, sampling frequencies, gradients. */
class BernoulliTest {

    @Test
    void logProbMatchesTheDirectFormula() {
        double l0 = 0.3;
        double l1 = -1.2;
        double p0 = 1 / (1 + Math.exp(-l0));
        double p1 = 1 / (1 + Math.exp(-l1));
        Bernoulli b = new Bernoulli(Var.constant(Tensor.vector(l0, l1)));
        Tensor lp = b.logProb(Var.constant(Tensor.of(new double[] {1, 0, 0, 1, 0.25, 0.5}, 3, 2))).value();
        assertEquals(Shape.of(3), lp.shape());
        assertEquals(Math.log(p0) + Math.log(1 - p1), lp.getFlat(0), 1e-14);
        assertEquals(Math.log(1 - p0) + Math.log(p1), lp.getFlat(1), 1e-14);
        assertEquals(0.25 * Math.log(p0) + 0.75 * Math.log(1 - p0) + 0.5 * Math.log(p1) + 0.5 * Math.log(1 - p1),
                lp.getFlat(2), 1e-14);
        assertThrows(ShapeException.class, () -> b.logProb(Var.constant(Tensor.vector(1, 0, 1))));
    }

    @Test
    void extremeLogitsStayFinite() {
        Bernoulli b = new Bernoulli(Var.constant(Tensor.vector(1000, -1000)));
        assertEquals(0, b.logProb(Var.constant(Tensor.of(new double[] {1, 0}, 1, 2))).item(), 1e-12);
        assertEquals(-2000, b.logProb(Var.constant(Tensor.of(new double[] {0, 1}, 1, 2))).item(), 1e-9);
    }

    @Test
    void gradients() {
        Tensor x = Elementwise.map(randn(1, 4, 3), v -> v > 0 ? 1 : 0);
        check(v -> new Bernoulli(v.get(0)).logProb(Var.constant(x)), randn(2, 3));
        check(v -> new Bernoulli(v.get(0)).logProb(Var.constant(x)), randn(3, 4, 3));
        Float32.assertAgrees(v -> new Bernoulli(v.get(0)).logProb(v.get(1)), 1e-5, randn(4, 4, 3), x);
    }

    @Test
    void sampleFrequenciesMatchTheProbabilities() {
        int n = 50_000;
        Tensor s = new Bernoulli(Var.constant(Tensor.vector(Math.log(0.25 / 0.75), 0, 30))).sample(n,
                new SplittableRandom(5));
        assertEquals(Shape.of(n, 3), s.shape());
        // Standard error ≤ √(0.25/n) ≈ 0.0022.
        assertArrayEquals(new double[] {0.25, 0.5, 1}, Moments.mean(s), 0.01);
    }
}
