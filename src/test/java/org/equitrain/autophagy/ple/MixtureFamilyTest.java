package org.equitrain.autophagy.ple;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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

/** MixtureFamily: likelihood against the mixture model, Gumbel-max sampling, finite-difference gradients. */
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
}
