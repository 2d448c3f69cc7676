package org.equitrain.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Var;
import org.equitrain.autodiff.perexample.LayerSignals;
import org.equitrain.autodiff.perexample.PerExampleDotProducts;
import org.equitrain.nn.Linear;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** forml.md §10 oracle 1: ∂L_meta(θ̂(ε))/∂ε_i = −α⟨∇L_meta(θ̂(ε)), g_i⟩ against central finite differences. */
class MetaGradientTest {
    private static final double ALPHA = 0.1;
    private final Module model = new Linear(5, 2);
    private final Params params = Params.init(model, DType.FLOAT64, 1);
    private final GroupedData train = SyntheticGroups.of(8, 5, 2);
    private final GroupedData heldOut = SyntheticGroups.of(20, 5, 3);

    @ParameterizedTest
    @EnumSource(value = MetaObjective.class, names = {"MEAN_LOSS", "LOSS_GAP", "EO_LOSS_GAP", "WORST_GROUP",
        "DP_SCORE_GAP", "EO_SCORE_GAP"})
    void identityMatchesFiniteDifferencesAtZeroAndRandomEpsilon(MetaObjective objective) {
        Var loss = CrossEntropy.of(model.forward(params, Var.constant(train.x())), train.y()).sum();
        LayerSignals s = LayerSignals.of(loss, params.asMap());
        SplittableRandom rng = new SplittableRandom(4);
        double[] random = new double[8];
        for (int i = 0; i < random.length; i++) {
            random[i] = rng.nextDouble(0, 2);
        }
        for (double[] eps : new double[][] {new double[8], random}) {
            Map<String, Tensor> hat = MetaGradient.virtualStep(params, s, scaled(eps, ALPHA));
            double[] analytic = MetaGradient.perExample(s,
                    MetaGradient.heldOutSignals(model, hat, heldOut, objective, 0), -ALPHA);
            double h = 1e-5;
            double maxAbs = 0;
            for (int i = 0; i < eps.length; i++) {
                double[] plus = eps.clone();
                double[] minus = eps.clone();
                plus[i] += h;
                minus[i] -= h;
                double fd = (meta(s, plus, objective) - meta(s, minus, objective)) / (2 * h);
                assertEquals(fd, analytic[i], 1e-8, objective + " example " + i);
                maxAbs = Math.max(maxAbs, Math.abs(analytic[i]));
            }
            assertTrue(maxAbs > 1e-4, "the meta-gradient should not vanish: " + maxAbs);
        }
    }

    /**
     * The production path (held-out signals, Gram form in the wide first layer, formed G_m in the narrow second
     * one) equals the dot products with G_m formed by autodiff, at a look-ahead point θ̂ ≠ θ, to 1e-12.
     */
    @ParameterizedTest
    @EnumSource(value = MetaObjective.class, names = {"MEAN_LOSS", "LOSS_GAP", "WORST_GROUP", "DP_SCORE_GAP"})
    void heldOutSignalsGiveTheDotProductsOfTheFormedMetaGradient(MetaObjective objective) {
        Module mlp = Mlp.of(30, 40, 2);
        Params p = Params.init(mlp, DType.FLOAT64, 5);
        GroupedData wideTrain = SyntheticGroups.of(16, 30, 6);
        GroupedData smallHeldOut = SyntheticGroups.of(9, 30, 7);
        LayerSignals s = LayerSignals.of(CrossEntropy.of(mlp.forward(p, Var.constant(wideTrain.x())),
                wideTrain.y()).sum(), p.asMap());
        double[] c = new double[16];
        Arrays.fill(c, 0.3);
        Map<String, Tensor> hat = MetaGradient.virtualStep(p, s, c);

        double[] fast = MetaGradient.perExample(s, MetaGradient.heldOutSignals(mlp, hat, smallHeldOut, objective,
                1), -ALPHA);

        double[] formed = PerExampleDotProducts.compute(s, MetaGradient.heldOutGradient(mlp, hat, smallHeldOut,
                objective, 1)).doubles();
        double scale = Arrays.stream(formed).map(Math::abs).max().orElseThrow();
        assertTrue(scale > 1e-3, "dot products should not vanish: " + scale);
        for (int i = 0; i < fast.length; i++) {
            assertEquals(-ALPHA * formed[i], fast[i], 1e-12 * ALPHA * scale, objective + " example " + i);
        }
    }

    @Test
    void aReusedLookaheadBufferGivesTheSameStepsAndLeavesThetaAlone() {
        LayerSignals s = LayerSignals.of(CrossEntropy.of(model.forward(params, Var.constant(train.x())), train.y())
                .sum(), params.asMap());
        Map<String, Tensor> before = MetaGradient.virtualStep(params, s, new double[8]);
        double[] theta0 = before.get("weight").doubles().clone();
        Map<String, Tensor> buffer = MetaGradient.buffer(params);
        SplittableRandom rng = new SplittableRandom(9);
        for (int k = 0; k < 3; k++) {
            double[] c = new double[8];
            for (int i = 0; i < c.length; i++) {
                c[i] = rng.nextDouble(0, 0.5);
            }
            Map<String, Tensor> reused = MetaGradient.virtualStep(params, s, c, buffer);
            Map<String, Tensor> fresh = MetaGradient.virtualStep(params, s, c);
            for (String name : fresh.keySet()) {
                assertTrue(reused.get(name) == buffer.get(name), name + " should be written into the buffer");
                assertArrayEquals(fresh.get(name).doubles(),
                        reused.get(name).doubles(), 1e-15, name);
            }
        }
        assertArrayEquals(theta0, params.get("weight").value().doubles(), 0.0);
        Map<String, Tensor> still = MetaGradient.virtualStep(params, s, new double[8], buffer);
        assertTrue(still.get("weight") == params.get("weight").value(), "ε = 0: θ itself, the buffer untouched");
    }

    private double meta(LayerSignals s, double[] eps, MetaObjective objective) {
        Params hat = Params.fromTensors(MetaGradient.virtualStep(params, s, scaled(eps, ALPHA)));
        return objective.value(model.forward(hat, Var.constant(heldOut.x())), heldOut, 0).item();
    }

    private static double[] scaled(double[] v, double a) {
        double[] r = v.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] *= a;
        }
        return r;
    }
}
