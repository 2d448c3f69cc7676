package org.equitrain.nn.losses;

import static org.equitrain.autodiff.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.GradCheck;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CrossEntropyTest {
    private static final int[] LABELS = {2, 0, 1, 2, 3};

    @Test
    void perExampleLossIsMinusLogSoftmaxOfTheLabel() {
        Tensor z = randn(1, 5, 4);
        Tensor losses = CrossEntropy.of(Var.constant(z), LABELS).perExample().value();
        for (int i = 0; i < 5; i++) {
            double norm = 0;
            for (int c = 0; c < 4; c++) {
                norm += Math.exp(z.get(i, c));
            }
            assertEquals(-Math.log(Math.exp(z.get(i, LABELS[i])) / norm), losses.getFlat(i), 1e-12);
        }
    }

    @Test
    void gradientIsSoftmaxMinusOneHotOverN() {
        Var z = Var.param(randn(2, 5, 4));
        Tensor g = Grad.gradTensors(CrossEntropy.of(z, LABELS).mean(), List.of(z)).get(0);
        for (int i = 0; i < 5; i++) {
            double norm = 0;
            for (int c = 0; c < 4; c++) {
                norm += Math.exp(z.value().get(i, c));
            }
            for (int c = 0; c < 4; c++) {
                double expected = (Math.exp(z.value().get(i, c)) / norm - (c == LABELS[i] ? 1 : 0)) / 5;
                assertEquals(expected, g.get(i, c), 1e-12);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        double[] w = {0.5, 2, 0, 1, 3};
        GradCheck.check(v -> CrossEntropy.of(v.get(0), LABELS).perExample(), randn(3, 5, 4));
        GradCheck.check(v -> CrossEntropy.of(v.get(0), LABELS).weightedMean(w), randn(4, 5, 4));
        GradCheck.check(v -> CrossEntropy.of(v.get(0), LABELS).weightedMean(v.get(1), WeightNormalisation.WEIGHT_SUM),
                List.of(randn(5, 5, 4), Tensor.vector(w)), 1e-6);
    }

    @Test
    void closedFormMeanEqualsTheMeanOfPerExampleLosses() {
        Var z = Var.param(randn(8, 5, 4));
        Var fused = CrossEntropy.mean(z, LABELS);
        Var composite = CrossEntropy.of(z, LABELS).mean();
        assertEquals(composite.item(), fused.item(), 1e-14);
        assertArrayEquals(Grad.gradTensors(composite, List.of(z)).get(0).doubles(),
                Grad.gradTensors(fused, List.of(z)).get(0).doubles(), 1e-15);
        try (GradMode on = GradMode.on()) { // createGraph: the differentiable gradient, and its own gradient
            Var ge = Grad.grad(composite, List.of(z), null, true).get(0);
            Var gf = Grad.grad(fused, List.of(z), null, true).get(0);
            assertArrayEquals(ge.value().doubles(), gf.value().doubles(), 1e-15);
            Var v = Var.constant(randn(9, 5, 4));
            assertArrayEquals(Grad.gradTensors(Ops.sum(Ops.mul(ge, v)), List.of(z)).get(0).doubles(),
                    Grad.gradTensors(Ops.sum(Ops.mul(gf, v)), List.of(z)).get(0).doubles(), 1e-14);
        }
        GradCheck.check(vs -> CrossEntropy.mean(vs.get(0), LABELS), randn(10, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.mean(z, new int[] {0, 1, 4, 0, 0}));
    }

    @Test
    void weightedMeansUseTheDocumentedDenominators() {
        double[] w = {0.5, 2, 0, 1, 3};
        PerExampleLoss loss = CrossEntropy.of(Var.constant(randn(6, 5, 4)), LABELS);
        Tensor l = loss.perExample().value();
        double weighted = 0;
        for (int i = 0; i < 5; i++) {
            weighted += w[i] * l.getFlat(i);
        }
        assertEquals(weighted / 5, loss.weightedMean(w).item(), 1e-12);
        assertEquals(weighted / 6.5, loss.weightedMean(w, WeightNormalisation.WEIGHT_SUM).item(), 1e-12);
        assertEquals(loss.mean().item(), loss.weightedMean(new double[] {1, 1, 1, 1, 1}).item(), 1e-12);
        assertEquals(loss.sum().item() / 5, loss.mean().item(), 1e-12);
    }

    @Test
    void gradientWithRespectToWeightsIsTheLossOverN() {
        // L2RW's meta-gradient: ∂/∂ε_i (1/n) Σ ε_j ℓ_j = ℓ_i / n.
        Var eps = Var.param(Tensor.vector(0, 0, 0, 0, 0));
        PerExampleLoss loss = CrossEntropy.of(Var.constant(randn(7, 5, 4)), LABELS);
        Tensor g = Grad.gradTensors(loss.weightedMean(eps, WeightNormalisation.COUNT), List.of(eps)).get(0);
        for (int i = 0; i < 5; i++) {
            assertEquals(loss.perExample().value().getFlat(i) / 5, g.getFlat(i), 1e-15);
        }
    }

    @Test
    void errorsNameTheLabelAndShapes() {
        Var z = Var.constant(randn(8, 5, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.of(z, new int[] {0, 1, 4, 0, 0}));
        assertEquals("crossEntropy: label 4 of example 2 is outside [0, 4)", e.getMessage());
        assertThrows(RuntimeException.class, () -> CrossEntropy.of(z, new int[] {0, 1}));
        PerExampleLoss loss = CrossEntropy.of(z, LABELS);
        assertThrows(RuntimeException.class, () -> loss.weightedMean(new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> loss.weightedMean(new double[5], WeightNormalisation.WEIGHT_SUM));
        Exception shape = assertThrows(RuntimeException.class,
                () -> PerExampleLoss.of("myLoss", Var.constant(randn(9, 2, 2))));
        assertEquals("myLoss: per-example losses must have shape [n], got [2, 2]", shape.getMessage());
    }
}
