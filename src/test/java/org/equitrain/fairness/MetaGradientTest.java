package org.equitrain.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Var;
import org.equitrain.autodiff.perexample.LayerSignals;
import org.equitrain.nn.Linear;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
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
        "DP_SCORE_GAP"})
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
                    MetaGradient.heldOutGradient(model, hat, heldOut, objective, 0), -ALPHA);
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
