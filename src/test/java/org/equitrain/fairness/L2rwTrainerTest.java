package org.equitrain.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.data.Rows;
import org.equitrain.nn.Params;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** forml.md §10 oracle 3, and §4's claim that per-batch FORML with ε = 0 and sum normalisation is L2RW. */
class L2rwTrainerTest {
    private final TrainerFixture f = new TrainerFixture();

    @Test
    void aHeldOutBatchBelowOneRowIsRefusedAsFormlOptionsRefuseIt() {
        for (int m : new int[] {0, -5}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new L2rwTrainer(f.heldOut, 0.1, m, 0));
            assertEquals("held-out batches need 1 or more rows, got " + m, e.getMessage());
        }
    }

    @Test
    void weightsAreNonNegativeAndSumToOne() {
        L2rwTrainer l2rw = new L2rwTrainer(f.heldOut, 0.1, 1024, 0);
        l2rw.start(f.train);
        double[] w = l2rw.stepCoefficients(f.batch(TrainerFixture.range(0, 20), 0.1));
        assertTrue(Arrays.stream(w).allMatch(v -> v >= 0), Arrays.toString(w));
        assertEquals(1.0, Arrays.stream(w).sum(), 1e-12);
        assertTrue(Arrays.stream(w).filter(v -> v > 0).count() > 1, "more than one example should count");
    }

    @Test
    void allNegativeScoresGiveZeroWeightsAndTheLoopSkipsTheStep() {
        assertArrayEquals(new double[3], L2rwTrainer.clipAndNormalise(new double[] {-1, -0.5, -1e-9}));
        assertArrayEquals(new double[] {0, 0.25, 0.75}, L2rwTrainer.clipAndNormalise(new double[] {-2, 1, 3}),
                1e-15);
        ReweightingTrainer none = new ReweightingTrainer() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public double[] stepCoefficients(BatchStep step) {
                return L2rwTrainer.clipAndNormalise(new double[step.size()]);
            }

            @Override
            public double[] weights() {
                return new double[0];
            }
        };
        ReweightedTraining t = new ReweightedTraining(f.model, f.train, none,
                ReweightedTraining.Config.defaults().withLr(0.1));
        double before = t.params().tensors().get(0).getFlat(0);
        assertFalse(t.step(TrainerFixture.range(0, 10)));
        assertEquals(1, t.skipped());
        assertEquals(before, t.params().tensors().get(0).getFlat(0));
    }

    /**
     * forml.md §2 from its definition: u_i = −∂/∂ε_i (1/m) Σ_j ℓ^v_j(θ − α Σ_k ε_k g_k) at ε = 0 by central
     * differences of the look-ahead objective, g_k from single-example backward passes; w = max(u, 0) / Σ max(u, 0).
     * Some u_i are negative, so the sign of u (descent on the held-out loss) is pinned by which weights are 0.
     */
    @Test
    void weightsAreTheClippedNormalisedFiniteDifferenceMetaGradient() {
        int[] rows = TrainerFixture.range(0, 20);
        double alpha = 0.1;
        double[] u = finiteDifferenceScores(f.params, f.train, rows, f.heldOut, alpha);
        assertTrue(Arrays.stream(u).anyMatch(v -> v < -1e-4) && Arrays.stream(u).anyMatch(v -> v > 1e-4),
                "the batch should hold both helpful and harmful examples: " + Arrays.toString(u));
        double positive = Arrays.stream(u).map(v -> Math.max(v, 0)).sum();
        L2rwTrainer l2rw = new L2rwTrainer(f.heldOut, alpha, 1024, 0);
        l2rw.start(f.train);
        double[] w = l2rw.stepCoefficients(f.batch(rows, 0.1));
        for (int i = 0; i < rows.length; i++) {
            assertEquals(Math.max(u[i], 0) / positive, w[i], 1e-9, "example " + i + ", u = " + u[i]);
            if (u[i] < 0) {
                assertEquals(0.0, w[i], "a harmful example gets weight 0: example " + i);
            }
        }
    }

    /**
     * The L2RW guard through L2RW itself: the held-out set is the batch with its labels flipped. In a two-class
     * softmax, flipping y turns ∂ℓ/∂logits = p − e_y into −(p_y / p_{1−y})(p − e_y), so each held-out gradient is a
     * negative multiple of its training twin and, for a batch whose examples pull alike, every u_i is negative
     * (checked from finite differences first). The step is skipped and no parameter moves.
     */
    @Test
    void aHeldOutSetAgainstEveryExampleSkipsTheRealStep() {
        ReweightedTraining.Config config = ReweightedTraining.Config.defaults().withLr(0.1);
        int[] rows = sameLabelRows(f.train, 1, 6);
        int[] flipped = Rows.pick(f.train.y(), rows);
        for (int i = 0; i < flipped.length; i++) {
            flipped[i] = 1 - flipped[i];
        }
        GroupedData against = new GroupedData(Rows.select(f.train.x(), rows), flipped, Rows.pick(f.train.group(),
                rows), f.train.groupNames(), f.train.favourable(), f.train.classes());
        ReweightedTraining t = new ReweightedTraining(f.model, f.train, new L2rwTrainer(against, 0.1, 1024, 0),
                config);
        double[] u = finiteDifferenceScores(t.params(), f.train, rows, against, 0.1);
        assertTrue(Arrays.stream(u).allMatch(v -> v < -1e-6), "premise: every u_i < 0: " + Arrays.toString(u));
        List<double[]> before = t.params().tensors().stream().map(x -> x.doubles().clone()).toList();

        assertFalse(t.step(rows));

        assertEquals(1, t.skipped());
        assertEquals(1, t.steps());
        for (int k = 0; k < before.size(); k++) {
            assertArrayEquals(before.get(k), t.params().tensors().get(k).doubles(), 0.0, t.params().names().get(k));
        }
        // the same rows against the plain held-out set do move the parameters (the guard is not always on)
        ReweightedTraining moving = new ReweightedTraining(f.model, f.train, new L2rwTrainer(f.heldOut, 0.1, 1024,
                0), config);
        assertTrue(moving.step(TrainerFixture.range(0, 20)));
        assertTrue(moving.params().tensors().get(0).getFlat(0) != before.get(0)[0]);
    }

    private static int[] sameLabelRows(GroupedData data, int label, int count) {
        int[] rows = new int[count];
        int k = 0;
        for (int i = 0; i < data.size() && k < count; i++) {
            if (data.y()[i] == label) {
                rows[k++] = i;
            }
        }
        assertEquals(count, k);
        return rows;
    }

    /** u_i = −[L(θ − αh g_i) − L(θ + αh g_i)] / 2h, L the held-out mean cross-entropy, g_i = ∇ℓ_i(θ) by autodiff. */
    private double[] finiteDifferenceScores(Params theta, GroupedData train, int[] rows, GroupedData heldOut,
            double alpha) {
        double h = 1e-5;
        double[] u = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int[] one = {rows[i]};
            Var loss = CrossEntropy.of(f.model.forward(theta, Var.constant(Rows.select(train.x(), one))),
                    Rows.pick(train.y(), one)).sum();
            List<Tensor> g = Grad.gradTensors(loss, theta.vars());
            u[i] = -(heldOutMeanLoss(theta, g, -alpha * h, heldOut) - heldOutMeanLoss(theta, g, alpha * h, heldOut))
                    / (2 * h);
        }
        return u;
    }

    /** (1/m) Σ_j ℓ^v_j at θ + step·g. */
    private double heldOutMeanLoss(Params theta, List<Tensor> g, double step, GroupedData heldOut) {
        Map<String, Tensor> moved = new LinkedHashMap<>();
        for (int k = 0; k < g.size(); k++) {
            Tensor v = theta.tensors().get(k);
            double[] values = v.doubles().clone();
            for (int e = 0; e < values.length; e++) {
                values[e] += step * g.get(k).getFlat(e);
            }
            moved.put(theta.names().get(k), Tensor.wrap(values, v.shape()));
        }
        Params p = Params.fromTensors(moved);
        return CrossEntropy.of(f.model.forward(p, Var.constant(heldOut.x())), heldOut.y()).sum().item()
                / heldOut.size();
    }

    @Test
    void theVirtualStepSizeDoesNotChangeTheWeights() {
        int[] rows = TrainerFixture.range(10, 40);
        L2rwTrainer a = new L2rwTrainer(f.heldOut, 0.1, 1024, 0);
        L2rwTrainer b = new L2rwTrainer(f.heldOut, 7.0, 1024, 0);
        a.start(f.train);
        b.start(f.train);
        assertArrayEquals(a.stepCoefficients(f.batch(rows, 0.1)), b.stepCoefficients(f.batch(rows, 0.1)), 1e-12);
    }

    @Test
    void perBatchFormlWithSumNormalisationAndMeanLossIsL2rw() {
        int[] rows = TrainerFixture.range(5, 35);
        L2rwTrainer l2rw = new L2rwTrainer(f.heldOut, 0.05, 1024, 0);
        FormlTrainer forml = new FormlTrainer(f.heldOut, FormlOptions.defaults().withPersistent(false)
                .withNormalise(FormlOptions.Normalisation.SUM).withObjective(MetaObjective.MEAN_LOSS).withAnchor(0));
        l2rw.start(f.train);
        forml.start(f.train);
        assertArrayEquals(l2rw.stepCoefficients(f.batch(rows, 0.05)), forml.stepCoefficients(f.batch(rows, 0.05)),
                1e-12);
    }

    @Test
    void permutingTheBatchPermutesTheWeights() { // forml.md §10 oracle 5, per-batch mode
        int[] rows = TrainerFixture.range(0, 24);
        int[] perm = new int[rows.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = rows[(7 * i + 3) % rows.length];
        }
        FormlOptions perBatch = FormlOptions.defaults().withPersistent(false).withNormalise(
                FormlOptions.Normalisation.BATCH_MEAN);
        FormlTrainer a = new FormlTrainer(f.heldOut, perBatch);
        FormlTrainer b = new FormlTrainer(f.heldOut, perBatch);
        a.start(f.train);
        b.start(f.train);
        a.stepCoefficients(f.batch(rows, 0.1));
        b.stepCoefficients(f.batch(perm, 0.1));
        assertArrayEquals(a.weights(), b.weights(), 1e-12);
        assertTrue(Arrays.stream(a.weights()).limit(24).distinct().count() > 2, "weights should differ by example");
    }
}
