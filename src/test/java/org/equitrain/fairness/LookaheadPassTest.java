package org.equitrain.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Var;
import org.equitrain.autodiff.perexample.LayerSignals;
import org.equitrain.autodiff.perexample.PerExampleDotProducts;
import org.equitrain.autodiff.perexample.SteppedLinear;
import org.equitrain.nn.Activation;
import org.equitrain.nn.Linear;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.Sequential;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.tensor.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The held-out pass at θ̂ with the first layer's step factorised (never formed) gives the same meta-gradient dot
 * products as the pass at the formed θ̂, to 1e-12, with and without a first-layer bias, step after step.
 */
class LookaheadPassTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void factorisedFirstLayerEqualsTheFormedLookahead(boolean bias) {
        Module model = new Sequential(new Linear(30, 40, bias), Activation.relu(), new Linear(40, 16),
                Activation.tanh(), new Linear(16, 2));
        GroupedData train = SyntheticGroups.of(16, 30, 3);
        GroupedData heldOut = SyntheticGroups.of(6, 30, 4);
        assertTrue(SteppedLinear.cheaper(heldOut.size(), 30, 40), "the first layer must take the factorised path");
        LookaheadPass pass = new LookaheadPass(model);
        SplittableRandom rng = new SplittableRandom(5);
        for (int step = 0; step < 3; step++) {
            Params p = Params.init(model, DType.FLOAT64, 6 + step);
            LayerSignals s = LayerSignals.of(CrossEntropy.of(model.forward(p, Var.constant(train.x())), train.y())
                    .sum(), p.asMap());
            double[] c = new double[train.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = i % 5 == 0 ? 0 : rng.nextDouble(0, 0.2);
            }
            for (MetaObjective o : new MetaObjective[] {MetaObjective.LOSS_GAP, MetaObjective.MEAN_LOSS}) {
                double[] fast = PerExampleDotProducts.compute(s, pass.heldOutSignals(p, s, c, heldOut, o, 1))
                        .doubles();
                double[] formed = PerExampleDotProducts.compute(s, MetaGradient.heldOutSignals(model,
                        MetaGradient.virtualStep(p, s, c), heldOut, o, 1)).doubles();
                double scale = Arrays.stream(formed).map(Math::abs).max().orElseThrow();
                assertTrue(scale > 1e-4, "dot products should not vanish: " + scale);
                for (int i = 0; i < fast.length; i++) {
                    assertEquals(formed[i], fast[i], 1e-12 * scale, o + " step " + step + " example " + i);
                }
            }
        }
    }
}
