package org.equitrain.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** forml.md §10 oracle 3, and §4's claim that per-batch FORML with ε = 0 and sum normalisation is L2RW. */
class L2rwTrainerTest {
    private final TrainerFixture f = new TrainerFixture();

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
