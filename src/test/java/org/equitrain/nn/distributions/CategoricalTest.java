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
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Categorical over class codes: log-mass, batched logits (cross-entropy), sampling frequencies, gradients. */
class CategoricalTest {
    private static final Var LOGITS = Var.constant(Tensor.vector(0, Math.log(2), Math.log(5)));

    @Test
    void logProbIsTheLogSoftmaxAtTheCode() {
        Categorical c = new Categorical(LOGITS);
        // probabilities (1, 2, 5) / 8.
        assertArrayEquals(new double[] {Math.log(5 / 8.0), Math.log(1 / 8.0), Math.log(5 / 8.0)},
                c.logProb(Var.constant(Tensor.vector(2, 0, 2))).value().toDoubleArray(), 1e-14);
        assertArrayEquals(new double[] {1 / 8.0, 2 / 8.0, 5 / 8.0}, c.probs().value().toDoubleArray(), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.logProb(Var.constant(Tensor.vector(3))));
        assertEquals("Categorical.logProb: code 3.0 at position 0 is not an integer in [0, 3)", e.getMessage());
    }

    @Test
    void batchedLogitsPairWithOneCodePerRow() {
        Var logits = Var.param(Tensor.of(new double[] {1000, 0, 0, 0, 0, 1000}, 2, 3));
        Var lp = new Categorical(logits).logProb(Var.constant(Tensor.vector(0, 0)));
        assertEquals(Shape.of(2), lp.shape());
        assertArrayEquals(new double[] {0, -1000}, lp.value().toDoubleArray(), 1e-12);
        // The gradient of the log-likelihood is onehot − softmax.
        assertArrayEquals(new double[] {0, 0, 0, 1, 0, -1}, Grad.gradTensors(lp.sum(), List.of(logits)).get(0)
                .toDoubleArray(), 1e-12);
        check(v -> new Categorical(v.get(0)).logProb(Var.constant(Tensor.vector(2, 0, 1, 1))), randn(1, 4, 3));
        check(v -> new Categorical(v.get(0)).logProb(Var.constant(Tensor.vector(2, 0, 2))), randn(2, 3));
        Float32.assertAgrees(v -> new Categorical(v.get(0)).logProb(Var.constant(Tensor.vector(2, 0, 1, 1))), 1e-5,
                randn(3, 4, 3));
    }

    @Test
    void sampleFrequenciesMatchTheProbabilities() {
        int n = 80_000;
        Tensor s = new Categorical(LOGITS).sample(n, new SplittableRandom(4));
        assertEquals(Shape.of(n), s.shape());
        double[] freq = new double[3];
        for (int i = 0; i < n; i++) {
            freq[(int) s.getFlat(i)] += 1.0 / n;
        }
        // Standard error √(p(1−p)/n) ≤ 0.0018.
        assertArrayEquals(new double[] {1 / 8.0, 2 / 8.0, 5 / 8.0}, freq, 0.008);
        Tensor batched = new Categorical(Var.constant(Tensor.of(new double[] {-50, 50, 50, -50}, 2, 2)))
                .sample(3, new SplittableRandom(5));
        assertArrayEquals(new double[] {1, 0, 1, 0, 1, 0}, batched.toDoubleArray());
    }
}
