package org.equitrain.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.data.Rows;
import org.equitrain.nn.Params;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.nn.optim.Sgd;
import org.equitrain.nn.train.TrainingDivergedException;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The loop's real step from the stored signals (forml.md §3, reused gradient buffers, no copy of a whole-set
 * batch) equals an SGD step on the autodiff gradient of the batch mean loss, step after step.
 */
class ReweightedTrainingTest {
    private final TrainerFixture f = new TrainerFixture();

    @Test
    void theConfigRefusesValuesNoRunCanUse() {
        ReweightedTraining.Config d = ReweightedTraining.Config.defaults();
        assertEquals("reweighted training: learning rate, momentum and weight decay must be finite and ≥ 0; got NaN,"
                + " 0.9, 5.0E-4", assertThrows(IllegalArgumentException.class, () -> d.withLr(Double.NaN))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withLr(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new ReweightedTraining.Config(0.1, -0.5, 0, 8, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReweightedTraining.Config(0.1, 0, Double.NaN, 8, 1, 0));
        assertEquals("reweighted training: batch size must be 1 or more and epochs 0 or more; got 0 and 50",
                assertThrows(IllegalArgumentException.class, () -> d.withBatchSize(0)).getMessage());
        assertEquals("reweighted training: batch size must be 1 or more and epochs 0 or more; got 512 and -1",
                assertThrows(IllegalArgumentException.class, () -> d.withEpochs(-1)).getMessage());
    }

    @Test
    void aDivergingRunStopsBeforeTheStepThatWouldTakeANonFiniteLoss() {
        ReweightedTraining loop = new ReweightedTraining(f.model, f.train, new ErmTrainer(),
                ReweightedTraining.Config.defaults().withLr(1e8).withBatchSize(16).withEpochs(500));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, loop::fit);
        assertTrue(e.getMessage().matches("training diverged at step \\d+ \\(epoch \\d+\\): the mean loss is "
                + "(NaN|Infinity); last finite loss \\S+ at step \\d+"), e.getMessage());
        assertEquals(e.step() - 1, loop.steps(), "the diverging step is not taken");
    }

    @Test
    void aLastStepWhoseUpdateDivergesStopsTrainingToo() {
        // one step only: its loss is finite, the loss at its update's weights is not, and no later step would notice
        ReweightedTraining loop = new ReweightedTraining(f.model, f.train, new ErmTrainer(),
                ReweightedTraining.Config.defaults().withLr(1e300).withBatchSize(f.train.size()).withEpochs(1));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, loop::fit);
        assertTrue(e.getMessage().matches("training diverged at step 1 \\(epoch 1\\): the update made the mean "
                + "loss (NaN|Infinity); the step's loss was \\S+"), e.getMessage());
        assertTrue(Double.isFinite(e.lastFiniteLoss()));
    }

    @Test
    void aRuleWhoseWeightsOverflowStopsBeforeTheStepNamingTheRow() {
        // Σ w over the rows overflows, so the global-mean normalisation divides by infinity: NaN weights
        FormlTrainer forml = new FormlTrainer(f.heldOut, FormlOptions.defaults().withWeightInit(1e300));
        ReweightedTraining loop = new ReweightedTraining(f.model, f.train, forml,
                ReweightedTraining.Config.defaults().withLr(0.1).withBatchSize(16).withEpochs(1));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, loop::fit);
        assertTrue(e.getMessage().matches("training diverged at step 1 \\(epoch 1\\): forml's weight of training row "
                + "\\d+ is (NaN|-?Infinity)"), e.getMessage());
        assertTrue(loop.weightsDiverged(e));
        assertEquals(0, loop.steps(), "no step was taken with the NaN weights");
        TrainingDivergedException loss = assertThrows(TrainingDivergedException.class, new ReweightedTraining(f.model,
                f.train, new ErmTrainer(), ReweightedTraining.Config.defaults().withLr(1e8).withBatchSize(16)
                .withEpochs(500))::fit);
        assertFalse(loop.weightsDiverged(loss));
    }

    @Test
    void lastEpochLossIsTheUnweightedMeanLossOfTheLastEpochsRows() {
        // one batch per epoch: the epoch's loss is the mean cross-entropy of the whole set at the epoch's start
        ReweightedTraining.Config config = ReweightedTraining.Config.defaults().withLr(0.1)
                .withBatchSize(f.train.size()).withEpochs(3);
        ReweightedTraining loop = new ReweightedTraining(f.model, f.train, new ReweighingTrainer(), config);
        assertTrue(Double.isNaN(loop.lastEpochLoss()), "no epoch has finished");
        ReweightedTraining twoEpochs = new ReweightedTraining(f.model, f.train, new ReweighingTrainer(),
                config.withEpochs(2)).fit();
        double expected = CrossEntropy.of(f.model.forward(twoEpochs.params(), Var.constant(f.train.x())),
                f.train.y()).mean().item();
        loop.fit();
        assertEquals(expected, loop.lastEpochLoss(), 1e-12);
    }

    @Test
    void ermStepsFromSignalsEqualAutodiffSteps() {
        ReweightedTraining.Config config = ReweightedTraining.Config.defaults().withLr(0.1);
        ReweightedTraining loop = new ReweightedTraining(f.model, f.train, new ErmTrainer(), config);
        Params manual = Params.init(f.model, DType.FLOAT64, config.seed());
        Optimizer opt = new Sgd(Sgd.Config.of(0.1).withMomentum(config.momentum())
                .withWeightDecay(config.weightDecay()));
        int[] all = TrainerFixture.range(0, f.train.size());
        for (int[] rows : List.of(all, TrainerFixture.range(7, 31), all, TrainerFixture.range(0, 13))) {
            loop.step(rows);
            Var loss = CrossEntropy.of(f.model.forward(manual, Var.constant(Rows.select(f.train.x(), rows))),
                    Rows.pick(f.train.y(), rows)).mean();
            opt.step(manual, Grad.gradTensors(loss, manual.vars()));
            for (int k = 0; k < manual.names().size(); k++) {
                Tensor a = manual.tensors().get(k);
                Tensor b = loop.params().tensors().get(k);
                for (int i = 0; i < a.size(); i++) {
                    assertEquals(a.getFlat(i), b.getFlat(i), 1e-12, manual.names().get(k) + "[" + i + "]");
                }
            }
        }
    }
}
