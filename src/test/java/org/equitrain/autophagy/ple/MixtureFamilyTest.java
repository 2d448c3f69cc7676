package org.equitrain.autophagy.ple;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.GradCheck;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.GaussianMixtureModel;
import org.equitrain.autophagy.GenerativeModel;
import org.equitrain.nn.Params;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * MixtureFamily: likelihood against the mixture model, Gumbel-max sampling, finite-difference gradients, and the
 * straight-through Gumbel-softmax option.
 */
class MixtureFamilyTest {
    private static final MixtureFamily FAMILY = new MixtureFamily(2, 2);

    private static Params theta(List<Var> v) {
        Map<String, Var> m = new LinkedHashMap<>();
        m.put("weights", v.get(0));
        m.put("means", v.get(1));
        m.put("variances", v.get(2));
        return Params.of(m);
    }

    private static List<Var> constants(Tensor... t) {
        return List.of(Var.constant(t[0]), Var.constant(t[1]), Var.constant(t[2]));
    }

    private static Tensor weights() {
        return Tensor.vector(0.7, 0.3);
    }

    private static Tensor means() {
        return Tensor.wrap(new double[] {0, 1, 2, -1}, 2, 2);
    }

    private static Tensor variances() {
        return Tensor.wrap(new double[] {1, 0.5, 2, 0.25}, 2, 2);
    }

    @Test
    void nllMatchesTheMixtureModelsDensity() {
        Params th = theta(constants(weights(), means(), variances()));
        GenerativeModel model = ModelReader.diagonalMixture().read(th);
        assertInstanceOf(GaussianMixtureModel.class, model);
        Tensor x = GradCheck.randn(3, 5, 2);
        Tensor nll = FAMILY.nll(th, Var.constant(x)).value();
        double[] xs = x.toDoubleArray();
        for (int i = 0; i < 5; i++) {
            assertEquals(-model.logDensity(xs, 2 * i), nll.getFlat(i), 1e-12);
        }
    }

    @Test
    void samplesFollowTheMixture() {
        Params th = theta(constants(weights(), means(), variances()));
        Tensor x = FAMILY.sample(th, 40_000, new SplittableRandom(5)).value();
        double mean0 = 0;
        double mean1 = 0;
        for (int i = 0; i < 40_000; i++) {
            mean0 += x.get(i, 0) / 40_000;
            mean1 += x.get(i, 1) / 40_000;
        }
        assertEquals(0.7 * 0 + 0.3 * 2, mean0, 0.03);
        assertEquals(0.7 * 1 + 0.3 * -1, mean1, 0.02);
        double var0 = 0;
        for (int i = 0; i < 40_000; i++) {
            var0 += Math.pow(x.get(i, 0) - mean0, 2) / 40_000;
        }
        // mixture variance: Σ π_k (σ²_k + μ_k²) − mean² = 0.7·1 + 0.3·(2 + 4) − 0.36
        assertEquals(0.7 + 0.3 * 6 - 0.36, var0, 0.05);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor x = GradCheck.randn(4, 6, 2);
        // through the likelihood: all three parameters (weights on the simplex, as the constraint outputs them)
        GradCheck.check(v -> FAMILY.nll(theta(v), Var.constant(x)), weights(), means(), variances());
        // through reparameterised samples: means and variances (the component draw is held fixed by the seed)
        GradCheck.check(v -> FAMILY.sample(theta(List.of(Var.constant(weights()), v.get(0), v.get(1))), 7,
                new SplittableRandom(2)), means(), variances());
    }

    @Test
    void weightsGetNoGradientThroughSamples() {
        Var w = Var.param(weights());
        Var mu = Var.param(means());
        Var var = Var.param(variances());
        Var s = Ops.sum(FAMILY.sample(theta(List.of(w, mu, var)), 50, new SplittableRandom(1)));
        List<Tensor> g = Grad.gradTensors(s, List.of(w, mu, var));
        assertArrayEquals(new double[] {0, 0}, g.get(0).toDoubleArray(), "no gradient to weights via samples");
        double total = 0;
        for (double v : g.get(1).toDoubleArray()) {
            total += v;
        }
        assertEquals(50 * 2, total, 1e-9, "d Σ x / d μ counts every sample in every coordinate once");
    }

    @Test
    void straightThroughDrawsTheSameSamplesWithTheSameGradientsToMeansAndVariances() {
        MixtureFamily st = FAMILY.withStraightThrough(MixtureFamily.STRAIGHT_THROUGH_TEMPERATURE);
        Tensor r = GradCheck.randn(8, 9, 2);
        List<List<Tensor>> grads = new java.util.ArrayList<>();
        for (MixtureFamily f : List.of(FAMILY, st)) {
            List<Var> v = List.of(Var.param(weights()), Var.param(means()), Var.param(variances()));
            Var x = f.sample(theta(v), 9, new SplittableRandom(4));
            assertArrayEquals(FAMILY.sample(theta(v), 9, new SplittableRandom(4)).value().toDoubleArray(),
                    x.value().toDoubleArray(), 0, "identical samples");
            grads.add(Grad.gradTensors(Ops.sum(Ops.mul(x, Var.constant(r))), v));
        }
        for (int p = 1; p < 3; p++) {
            assertArrayEquals(grads.get(0).get(p).toDoubleArray(), grads.get(1).get(p).toDoubleArray(), 1e-12);
        }
        assertArrayEquals(new double[] {0, 0}, grads.get(0).get(0).toDoubleArray());
        // the weights' straight-through gradient is the finite-difference gradient of the relaxed surrogate
        // Σ_i Σ_k softmax((log π + g_i)/τ)_k ⟨r_i, μ_k + σ_k ⊙ ε_i⟩ at the same noise (g, ε)
        double[] g = grads.get(1).get(0).toDoubleArray();
        double h = 1e-6;
        for (int k = 0; k < 2; k++) {
            double[] up = weights().toDoubleArray();
            double[] down = weights().toDoubleArray();
            up[k] += h;
            down[k] -= h;
            double fd = (surrogate(up, r, 9, 4) - surrogate(down, r, 9, 4)) / (2 * h);
            assertEquals(fd, g[k], 1e-6 * Math.max(1, Math.abs(fd)), "weight " + k);
        }
        assertTrue(Math.abs(g[0]) + Math.abs(g[1]) > 1e-3, "gradient reaches the weights");
    }

    /** The relaxed sample's ⟨r, x⟩ with the family's noise stream: Gumbels per (i, k), then ε [n, d]. */
    private static double surrogate(double[] w, Tensor r, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] gumbel = new double[n * 2];
        for (int i = 0; i < n * 2; i++) {
            gumbel[i] = -Math.log(-Math.log(1 - rng.nextDouble()));
        }
        double[] eps = Tensor.randn(org.equitrain.tensor.DType.FLOAT64, rng, n, 2).toDoubleArray();
        double[] mu = means().toDoubleArray();
        double[] var = variances().toDoubleArray();
        double tau = MixtureFamily.STRAIGHT_THROUGH_TEMPERATURE;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] logit = new double[2];
            double norm = 0;
            for (int k = 0; k < 2; k++) {
                logit[k] = Math.exp((Math.log(w[k]) + gumbel[i * 2 + k]) / tau);
                norm += logit[k];
            }
            for (int k = 0; k < 2; k++) {
                double inner = 0;
                for (int j = 0; j < 2; j++) {
                    inner += r.get(i, j) * (mu[k * 2 + j] + Math.sqrt(var[k * 2 + j]) * eps[i * 2 + j]);
                }
                total += logit[k] / norm * inner;
            }
        }
        return total;
    }
}
