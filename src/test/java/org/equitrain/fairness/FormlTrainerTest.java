package org.equitrain.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** FORML's persistent weights, its objectives (forml.md §10 oracle 6) and held-out checks. */
class FormlTrainerTest {
    private final TrainerFixture f = new TrainerFixture();

    @Test
    void optionsRefuseNaNAndInfiniteValuesNotOnlyNegativeOnes() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1}) {
            for (java.util.function.DoubleFunction<FormlOptions> with : List.<java.util.function.DoubleFunction<
                    FormlOptions>>of(FormlOptions.defaults()::withAnchor, FormlOptions.defaults()::withWeightLr,
                    FormlOptions.defaults()::withWeightInit)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with.apply(bad));
                assertTrue(e.getMessage().startsWith("forml: anchor, weight learning rate and initial weight must be"
                        + " finite and ≥ 0"), e.getMessage());
                assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
            }
        }
    }

    @Test
    void persistentWeightsStayNonNegativeWithGlobalMeanOne() {
        FormlTrainer forml = new FormlTrainer(f.heldOut, FormlOptions.defaults().withWeightLr(0.5));
        ReweightedTraining t = new ReweightedTraining(f.model, f.train, forml,
                ReweightedTraining.Config.defaults().withLr(0.05).withBatchSize(16).withEpochs(5));
        t.fit();
        double[] w = forml.weights();
        assertEquals(f.train.size(), w.length);
        assertTrue(Arrays.stream(w).allMatch(v -> v >= 0));
        assertEquals(1.0, Arrays.stream(w).average().orElseThrow(), 1e-12);
        assertTrue(Arrays.stream(w).max().orElseThrow() - Arrays.stream(w).min().orElseThrow() > 0.1,
                "weights should have moved from 1: " + Arrays.toString(w));
        assertEquals(5 * 4, t.steps());
    }

    @Test
    void globalMeanHoldsAfterEveryStepAndTheStepUsesTheStoredWeights() {
        // the stored weights are a lazily applied scale times raw values, folded once per epoch: check them between
        // folds too (30-row batches of a 60-row set: a fold after every second step)
        FormlTrainer forml = new FormlTrainer(f.heldOut, FormlOptions.defaults().withWeightLr(0.5));
        forml.start(f.train);
        int[][] batches = {TrainerFixture.range(0, 30), TrainerFixture.range(30, 60)};
        for (int k = 0; k < 7; k++) {
            int[] rows = batches[k % 2];
            double[] c = forml.stepCoefficients(f.batch(rows, 0.05));
            double[] w = forml.weights();
            assertEquals(1.0, Arrays.stream(w).average().orElseThrow(), 1e-12, "step " + k);
            for (int i = 0; i < rows.length; i++) {
                assertEquals(w[rows[i]] / rows.length, c[i], 1e-14, "step " + k + ", row " + rows[i]);
            }
        }
    }

    @Test
    void warmupEpochsArePlainErmStepsThenReweightingStarts() {
        FormlTrainer forml = new FormlTrainer(f.heldOut, FormlOptions.defaults().withWeightLr(0.5)
                .withWarmupEpochs(2));
        forml.start(f.train);
        int[][] epoch = {TrainerFixture.range(0, 30), TrainerFixture.range(30, 60)};
        for (int e = 0; e < 2; e++) {
            for (int[] rows : epoch) {
                double[] c = forml.stepCoefficients(f.batch(rows, 0.05));
                assertTrue(Arrays.stream(c).allMatch(v -> v == 1.0 / 30), "warm-up step: " + Arrays.toString(c));
            }
            assertTrue(Arrays.stream(forml.weights()).allMatch(v -> v == 1), "weights stay at their initial 1");
        }
        double[] c = forml.stepCoefficients(f.batch(epoch[0], 0.05));
        assertTrue(Arrays.stream(c).anyMatch(v -> Math.abs(v - 1.0 / 30) > 1e-6), "reweighting after the warm-up");
        assertTrue(Arrays.stream(forml.weights()).anyMatch(v -> v != 1));
        assertThrows(IllegalArgumentException.class, () -> FormlOptions.defaults().withWarmupEpochs(-1));
    }

    @Test
    void eoLossGapIgnoresUnfavourableExamples() {
        Map<String, Tensor> theta = thetaOf(f);
        GroupedData moved = new GroupedData(f.heldOut.x().copy(), f.heldOut.y(), f.heldOut.group(),
                f.heldOut.groupNames(), 1, 2);
        for (int j = 0; j < moved.size(); j++) {
            if (moved.y()[j] == 0) {
                for (int k = 0; k < 4; k++) {
                    moved.x().setFlat(j * 4 + k, 10 * (k + 1));
                }
            }
        }
        for (MetaObjective o : List.of(MetaObjective.EO_LOSS_GAP, MetaObjective.EO_SCORE_GAP, MetaObjective.LOSS_GAP,
                MetaObjective.DP_SCORE_GAP)) {
            Map<String, Tensor> a = MetaGradient.heldOutGradient(f.model, theta, f.heldOut, o, 0);
            Map<String, Tensor> b = MetaGradient.heldOutGradient(f.model, theta, moved, o, 0);
            double diff = 0;
            for (String k : a.keySet()) {
                for (int i = 0; i < a.get(k).size(); i++) {
                    diff = Math.max(diff, Math.abs(a.get(k).getFlat(i) - b.get(k).getFlat(i)));
                }
            }
            if (o == MetaObjective.EO_LOSS_GAP || o == MetaObjective.EO_SCORE_GAP) {
                assertEquals(0, diff, 0, o.optionName() + " must not read y = 0 examples");
            } else {
                assertNotEquals(0, diff, o.optionName() + " reads every example (control)");
            }
        }
    }

    @Test
    void heldOutSetWithoutAGroupsFavourableRowsIsAnErrorNamingTheGroup() {
        int[] y = f.heldOut.y().clone();
        for (int j = 0; j < y.length; j++) {
            if (f.heldOut.group()[j] == 1) {
                y[j] = 0;
            }
        }
        GroupedData noPositives = new GroupedData(f.heldOut.x(), y, f.heldOut.group(), f.heldOut.groupNames(), 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FormlTrainer(noPositives, FormlOptions.defaults()));
        assertTrue(e.getMessage().contains("group 'b'"), e.getMessage());
        new FormlTrainer(noPositives, FormlOptions.defaults().withObjective(MetaObjective.LOSS_GAP));
        GroupedData onlyA = f.heldOut.select(TrainerFixture.range(0, 2));
        e = assertThrows(IllegalArgumentException.class, () -> new FormlTrainer(onlyA,
                FormlOptions.defaults().withObjective(MetaObjective.WORST_GROUP)));
        assertTrue(e.getMessage().contains("group 'b'"), e.getMessage());
    }

    private static Map<String, Tensor> thetaOf(TrainerFixture f) {
        java.util.LinkedHashMap<String, Tensor> m = new java.util.LinkedHashMap<>();
        for (int k = 0; k < f.params.names().size(); k++) {
            m.put(f.params.names().get(k), f.params.tensors().get(k));
        }
        return m;
    }
}
