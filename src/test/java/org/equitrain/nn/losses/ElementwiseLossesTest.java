package org.equitrain.nn.losses;

import static org.equitrain.autodiff.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.GradCheck;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Binary cross-entropy, squared error, Gaussian NLL and Gaussian KL: closed forms and gradients. */
class ElementwiseLossesTest {

    private static Tensor probabilities(long seed, int... dims) {
        Tensor t = randn(seed, dims);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, 1 / (1 + Math.exp(-t.getFlat(i))));
        }
        return t;
    }

    private static Var positive(Var v) {
        return Ops.addScalar(Activations.exp(v), 0.1);
    }

    @Test
    void binaryCrossEntropyMatchesTheLogLikelihood() {
        Tensor z = randn(1, 3, 4);
        Tensor y = probabilities(2, 3, 4);
        Tensor l = BinaryCrossEntropy.withLogits(Var.constant(z), Var.constant(y)).perExample().value();
        for (int i = 0; i < 3; i++) {
            double expected = 0;
            for (int j = 0; j < 4; j++) {
                double s = 1 / (1 + Math.exp(-z.get(i, j)));
                expected -= y.get(i, j) * Math.log(s) + (1 - y.get(i, j)) * Math.log(1 - s);
            }
            assertEquals(expected, l.getFlat(i), 1e-12);
        }
        Tensor mean = BinaryCrossEntropy.withLogits(Var.constant(z), Var.constant(y), FeatureReduction.MEAN)
                .perExample().value();
        assertEquals(l.getFlat(1) / 4, mean.getFlat(1), 1e-15);
    }

    @Test
    void binaryCrossEntropyIsStableForHugeLogits() {
        Var z = Var.constant(Tensor.vector(1000, -1000, 1000, -1000));
        Var y = Var.constant(Tensor.vector(1, 0, 0, 1));
        Tensor l = BinaryCrossEntropy.withLogits(z, y).perExample().value();
        assertEquals(0.0, l.getFlat(0), 0.0);
        assertEquals(0.0, l.getFlat(1), 0.0);
        assertEquals(1000.0, l.getFlat(2), 0.0);
        assertEquals(1000.0, l.getFlat(3), 0.0);
    }

    @Test
    void meanSquaredErrorMatchesItsDefinition() {
        Tensor p = randn(3, 2, 3);
        Tensor t = randn(4, 2, 3);
        PerExampleLoss loss = MeanSquaredError.of(Var.constant(p), Var.constant(t));
        double all = 0;
        for (int i = 0; i < 6; i++) {
            all += Math.pow(p.getFlat(i) - t.getFlat(i), 2);
        }
        assertEquals(all / 6, loss.mean().item(), 1e-14);
        assertEquals(all, MeanSquaredError.of(Var.constant(p), Var.constant(t), FeatureReduction.SUM).sum().item(),
                1e-13);
    }

    @Test
    void gaussianNllIsMinusTheLogDensity() {
        Tensor x = randn(5, 4, 3);
        Tensor mu = randn(6, 4, 3);
        Tensor var = Activations.exp(Var.constant(randn(7, 4, 3))).value();
        Tensor full = GaussianNll.of(Var.constant(x), Var.constant(mu), Var.constant(var), true, 1e-6,
                FeatureReduction.SUM).perExample().value();
        Tensor partial = GaussianNll.of(Var.constant(x), Var.constant(mu), Var.constant(var)).perExample().value();
        for (int i = 0; i < 4; i++) {
            double logDensity = 0;
            for (int d = 0; d < 3; d++) {
                double v = var.get(i, d);
                double r = x.get(i, d) - mu.get(i, d);
                logDensity += Math.log(Math.exp(-r * r / (2 * v)) / Math.sqrt(2 * Math.PI * v));
            }
            assertEquals(-logDensity, full.getFlat(i), 1e-12);
            assertEquals(-logDensity - 1.5 * Math.log(2 * Math.PI), partial.getFlat(i), 1e-12);
        }
    }

    @Test
    void gaussianNllClampsTinyVariancesLikePyTorch() {
        Var x = Var.constant(Tensor.vector(0.001));
        Var mu = Var.constant(Tensor.vector(0));
        double l = GaussianNll.of(x, mu, Var.constant(Tensor.vector(0))).perExample().item();
        assertEquals(0.5 * (Math.log(1e-6) + 1e-6 / 1e-6), l, 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> GaussianNll.of(x, mu, Var.constant(Tensor.vector(-1))));
    }

    @Test
    void gaussianKlMatchesNumericalIntegration() {
        double m1 = 0.3;
        double v1 = 0.7;
        double m2 = -0.5;
        double v2 = 1.9;
        double kl = GaussianKl.diagonal(Var.constant(Tensor.vector(m1)), Var.constant(Tensor.vector(v1)),
                Var.constant(Tensor.vector(m2)), Var.constant(Tensor.vector(v2))).perExample().item();
        // ∫ p log(p/q) dx by the trapezoid rule over ±12 standard deviations of p.
        double lo = m1 - 12 * Math.sqrt(v1);
        double hi = m1 + 12 * Math.sqrt(v1);
        int n = 200_000;
        double h = (hi - lo) / n;
        double integral = 0;
        for (int k = 0; k <= n; k++) {
            double x = lo + k * h;
            double lp = -0.5 * Math.log(2 * Math.PI * v1) - (x - m1) * (x - m1) / (2 * v1);
            double lq = -0.5 * Math.log(2 * Math.PI * v2) - (x - m2) * (x - m2) / (2 * v2);
            integral += (k == 0 || k == n ? 0.5 : 1) * Math.exp(lp) * (lp - lq) * h;
        }
        assertEquals(integral, kl, 1e-9);
    }

    @Test
    void gaussianKlSumsOverDimensionsAndVanishesForEqualArguments() {
        Var mu = Var.constant(randn(8, 4, 3));
        Var var = positive(Var.constant(randn(9, 4, 3)));
        Tensor self = GaussianKl.diagonal(mu, var, mu, var).perExample().value();
        Tensor prior = GaussianKl.toStandardNormal(mu, var).perExample().value();
        for (int i = 0; i < 4; i++) {
            assertEquals(0.0, self.getFlat(i), 1e-15);
            double expected = 0;
            for (int d = 0; d < 3; d++) {
                double m = mu.value().get(i, d);
                double v = var.value().get(i, d);
                expected += 0.5 * (m * m + v - Math.log(v) - 1);
            }
            assertEquals(expected, prior.getFlat(i), 1e-12);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor y = probabilities(10, 3, 4);
        GradCheck.check(v -> BinaryCrossEntropy.withLogits(Ops.mulScalar(v.get(0), 4), Var.constant(y)).perExample(),
                randn(11, 3, 4));
        GradCheck.check(v -> BinaryCrossEntropy.withLogits(v.get(0), v.get(1)).perExample(),
                List.of(randn(12, 5), probabilities(13, 5)), 1e-6);
        GradCheck.check(v -> MeanSquaredError.of(v.get(0), v.get(1)).perExample(),
                List.of(randn(14, 3, 2, 2), randn(15, 3, 2, 2)), 1e-6);
        GradCheck.check(v -> GaussianNll.of(v.get(0), v.get(1), positive(v.get(2))).perExample(),
                List.of(randn(16, 4, 3), randn(17, 4, 3), randn(18, 4, 3)), 1e-6);
        GradCheck.check(v -> GaussianKl.diagonal(v.get(0), positive(v.get(1)), v.get(2), positive(v.get(3)))
                .perExample(), List.of(randn(19, 4, 3), randn(20, 4, 3), randn(21, 4, 3), randn(22, 4, 3)), 1e-6);
        GradCheck.check(v -> GaussianKl.toStandardNormal(v.get(0), positive(v.get(1))).weightedMean(
                new double[] {1, 2, 3, 4}), List.of(randn(23, 4, 3), randn(24, 4, 3)), 1e-6);
    }
}
