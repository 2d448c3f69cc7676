package org.equitrain.mutual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.data.Minibatches;
import org.equitrain.data.Rows;
import org.equitrain.nn.Activation;
import org.equitrain.nn.BatchNorm;
import org.equitrain.nn.Context;
import org.equitrain.nn.Linear;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.Sequential;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.nn.optim.OptimizerState;
import org.equitrain.nn.optim.Sgd;
import org.equitrain.nn.train.TrainingDivergedException;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CohortTrainerTest {
    private static final int N = 240;
    private static final Tensor X;
    private static final int[] Y = new int[N];

    static {
        // Three Gaussian blobs in 4 dimensions, centres at ±2 on different axes.
        SplittableRandom rng = new SplittableRandom(11);
        double[] x = new double[N * 4];
        for (int i = 0; i < N; i++) {
            Y[i] = i % 3;
            for (int d = 0; d < 4; d++) {
                x[i * 4 + d] = rng.nextGaussian() + (d == Y[i] ? 2.0 : 0.0) - (d == 3 && Y[i] == 2 ? 2.0 : 0.0);
            }
        }
        X = Tensor.wrap(x, N, 4);
    }

    private static List<Module> modules() {
        return List.of(Mlp.of(4, 16, 3), Mlp.of(4, 8, 8, 3));
    }

    private static List<CohortTrainer.Peer> peers(List<Module> modules, List<? extends Optimizer> optimizers) {
        List<CohortTrainer.Peer> peers = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            peers.add(new CohortTrainer.Peer(modules.get(i), Params.init(modules.get(i), DType.FLOAT64, 100 + i),
                    optimizers.get(i)));
        }
        return peers;
    }

    private static List<Optimizer> sgds(int k) {
        List<Optimizer> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(CohortTrainer.defaultSgd(0.05));
        }
        return out;
    }

    private static double[] flat(Params p) {
        List<Tensor> ts = p.tensors();
        int n = 0;
        for (Tensor t : ts) {
            n += t.size();
        }
        double[] out = new double[n];
        int at = 0;
        for (Tensor t : ts) {
            double[] v = t.toDoubleArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    @Test
    void alphaZeroIsBitIdenticalToIndependentTraining() {
        List<Module> modules = modules();
        List<CohortTrainer.Peer> cohort = peers(modules, sgds(2));
        CohortTrainer.builder(cohort, MutualLoss.of(0)).batchSize(32).epochs(3).seed(5).build()
                .fit(X, Y, X, Y);

        List<CohortTrainer.Peer> alone = peers(modules, sgds(2));
        for (CohortTrainer.Peer p : alone) {
            // Plain cross-entropy training of one network on the same seeded batches.
            Minibatches batches = new Minibatches(N, 32, 5);
            for (int e = 0; e < 3; e++) {
                for (int[] rows : batches.epoch(e)) {
                    Var logits = p.module().forward(p.params(), Var.constant(Rows.select(X, rows)), Context.eval());
                    Var loss = CrossEntropy.mean(logits, Rows.pick(Y, rows));
                    p.optimizer().step(p.params(), Grad.gradTensors(loss, p.params().vars()));
                }
            }
        }
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(flat(alone.get(i).params()), flat(cohort.get(i).params()), 0.0, "peer " + i);
            assertFalse(Arrays.equals(flat(Params.init(modules.get(i), DType.FLOAT64, 100 + i)),
                    flat(cohort.get(i).params())), "peer " + i + " trained");
        }
    }

    /** An optimizer that only records the gradients it is given. */
    private static final class Recording implements Optimizer {
        final List<List<Tensor>> seen = new ArrayList<>();

        @Override
        public void step(Params params, List<Tensor> grads) {
            seen.add(grads.stream().map(Tensor::copy).toList()); // the step's workspace recycles grads
        }

        @Override
        public double learningRate() {
            return 0;
        }

        @Override
        public void setLearningRate(double lr) {
        }

        @Override
        public long steps() {
            return seen.size();
        }

        @Override
        public OptimizerState state() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void loadState(OptimizerState state) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void eachPeerGetsOnlyTheGradientOfItsOwnLoss() {
        List<Module> modules = modules();
        List<Recording> recorders = List.of(new Recording(), new Recording());
        List<CohortTrainer.Peer> cohort = peers(modules, recorders);
        MutualLoss loss = MutualLoss.of(1.5);
        int[] rows = {0, 1, 2, 3, 4, 5, 6, 7};
        Tensor x = Rows.select(X, rows);
        int[] y = Rows.pick(Y, rows);
        CohortTrainer.builder(cohort, loss).build().step(x, y, 0);

        Tensor[] logits = new Tensor[2];
        for (int i = 0; i < 2; i++) {
            logits[i] = modules.get(i).forward(cohort.get(i).params(), Var.constant(x), Context.eval()).value();
        }
        for (int i = 0; i < 2; i++) {
            Params own = cohort.get(i).params();
            // loss_i with the other peer's logits as a constant: the only gradient peer i may receive.
            Var student = modules.get(i).forward(own, Var.constant(x), Context.eval());
            Var other = Var.constant(logits[1 - i]);
            Var li = loss.loss(i, i == 0 ? List.of(student, other) : List.of(other, student), y);
            List<Tensor> expected = Grad.gradTensors(li, own.vars());
            List<Tensor> got = recorders.get(i).seen.get(0);
            assertEquals(expected.size(), got.size());
            for (int t = 0; t < got.size(); t++) {
                assertArrayEquals(expected.get(t).toDoubleArray(), got.get(t).toDoubleArray(), 1e-12);
            }
            // ...and it is not the gradient of the cohort's summed loss, whose other term would also carry
            // the peer's divergence if the peer were not detached: check the mutual term is really present.
            Var ceOnly = MutualLoss.of(0).loss(i, List.of(student, student), y);
            List<Tensor> ce = Grad.gradTensors(ceOnly, own.vars());
            assertFalse(Arrays.equals(ce.get(0).toDoubleArray(), got.get(0).toDoubleArray()));
        }
    }

    @Test
    void threePeerStepsEqualStepsOnEachPeersPairwiseCompositeLoss() {
        List<Module> modules = List.of(Mlp.of(4, 16, 3), Mlp.of(4, 8, 8, 3), Mlp.of(4, 12, 3));
        List<CohortTrainer.Peer> cohort = peers(modules, sgds(3));
        List<CohortTrainer.Peer> reference = peers(modules, sgds(3));
        CohortTrainer trainer = CohortTrainer.builder(cohort, MutualLoss.of(1.5)).build();
        RenyiDivergence div = RenyiDivergence.of(1.5);
        for (int[] rows : new int[][] {{0, 1, 2, 3, 4, 5, 6, 7}, {8, 9, 10, 11, 12, 13}}) {
            Tensor x = Rows.select(X, rows);
            int[] y = Rows.pick(Y, rows);
            double[] losses = trainer.step(x, y, 0);
            // renyi-dml.md §4, simultaneous: every loss from the pre-update outputs, then every peer steps.
            List<Var> logits = new ArrayList<>();
            for (CohortTrainer.Peer p : reference) {
                logits.add(p.module().forward(p.params(), Var.constant(x), Context.eval()));
            }
            List<List<Tensor>> grads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Var li = CohortLossHeadTest.composite(div, 1, i, logits, y);
                assertEquals(li.item(), losses[i], 1e-12);
                grads.add(Grad.gradTensors(li, reference.get(i).params().vars()));
            }
            for (int i = 0; i < 3; i++) {
                reference.get(i).optimizer().step(reference.get(i).params(), grads.get(i));
            }
        }
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(flat(reference.get(i).params()), flat(cohort.get(i).params()), 1e-12, "peer " + i);
        }
    }

    @Test
    void sequentialUpdateDiffersFromSimultaneousForLaterPeers() {
        List<Module> modules = modules();
        List<CohortTrainer.Peer> simultaneous = peers(modules, sgds(2));
        List<CohortTrainer.Peer> sequential = peers(modules, sgds(2));
        int[] rows = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Tensor x = Rows.select(X, rows);
        int[] y = Rows.pick(Y, rows);
        CohortTrainer.builder(simultaneous, MutualLoss.of(1)).build().step(x, y, 0);
        CohortTrainer.builder(sequential, MutualLoss.of(1)).update(CohortTrainer.Update.SEQUENTIAL).build()
                .step(x, y, 0);
        // Peer 0 learns from peer 1's initial prediction in both; peer 1 sees peer 0 before vs after its update.
        assertArrayEquals(flat(simultaneous.get(0).params()), flat(sequential.get(0).params()), 0.0);
        assertFalse(Arrays.equals(flat(simultaneous.get(1).params()), flat(sequential.get(1).params())));
    }

    @Test
    @SuppressWarnings("unchecked")
    void sequentialUpdateMovesBatchNormStatisticsOncePerStep() {
        List<Module> modules = List.of(new Sequential(new Linear(4, 6), new BatchNorm(6), Activation.relu(),
                new Linear(6, 3)), Mlp.of(4, 8, 3));
        Tensor x = Rows.select(X, new int[] {0, 1, 2, 3, 4, 5, 6, 7});
        int[] y = Rows.pick(Y, new int[] {0, 1, 2, 3, 4, 5, 6, 7});
        Map<String, Tensor>[] stats = new Map[2];
        for (CohortTrainer.Update u : CohortTrainer.Update.values()) {
            CohortTrainer t = CohortTrainer.builder(peers(modules, sgds(2)), MutualLoss.of(1)).update(u).build();
            t.step(x, y, 0);
            t.step(x, y, 0);
            stats[u.ordinal()] = t.buffers(0);
        }
        // Peer 0 trains on the same parameters in both modes; the extra prediction passes leave its statistics.
        assertEquals(stats[0].keySet(), stats[1].keySet());
        assertFalse(stats[0].isEmpty());
        for (String key : stats[0].keySet()) {
            assertArrayEquals(stats[0].get(key).toDoubleArray(), stats[1].get(key).toDoubleArray(), 0.0, key);
        }
    }

    @Test
    void aDivergingCohortStopsNamingThePeerAndTheStep() {
        for (CohortTrainer.Update u : CohortTrainer.Update.values()) {
            List<CohortTrainer.Peer> cohort = peers(modules(), List.of(CohortTrainer.defaultSgd(0.05),
                    CohortTrainer.defaultSgd(1e8)));
            CohortTrainer t = CohortTrainer.builder(cohort, MutualLoss.of(1)).update(u).batchSize(32).epochs(500)
                    .seed(3).build();
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.fit(X, Y, X, Y));
            assertTrue(e.getMessage().matches("training diverged at step \\d+ \\(epoch \\d+\\): peer [01]'s loss "
                    + "is (NaN|Infinity); last finite loss \\S+ at step \\d+"), u + ": " + e.getMessage());
        }
    }

    @Test
    void aLastStepWhoseUpdateDivergesStopsTheCohortToo() {
        // one step (the whole set in one batch, one epoch): its losses are finite, peer 1's updated weights are not
        for (CohortTrainer.Update u : CohortTrainer.Update.values()) {
            List<CohortTrainer.Peer> cohort = peers(modules(), List.of(CohortTrainer.defaultSgd(0.05),
                    CohortTrainer.defaultSgd(1e300)));
            CohortTrainer t = CohortTrainer.builder(cohort, MutualLoss.of(1)).update(u).batchSize(N).epochs(1)
                    .seed(3).build();
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.fit(X, Y, X, Y));
            assertTrue(e.getMessage().matches("training diverged at step 1 \\(epoch 1\\): the update made peer 1's "
                    + "cross-entropy (NaN|Infinity); the step's loss was \\S+"), u + ": " + e.getMessage());
        }
    }

    @Test
    void tinyCohortLearnsThreeBlobs() {
        for (CohortTrainer.Update u : CohortTrainer.Update.values()) {
            List<CohortTrainer.Peer> cohort = peers(modules(), List.of(CohortTrainer.defaultSgd(0.05),
                    new Sgd(Sgd.Config.of(0.05).withMomentum(0.9))));
            CohortTrainer.History h = CohortTrainer.builder(cohort, MutualLoss.of(1.5)).update(u).batchSize(32)
                    .epochs(15).seed(3).build().fit(X, Y, X, Y);
            for (int i = 0; i < 2; i++) {
                assertTrue(h.finalAccuracy(i) > 0.85, u + " peer " + i + " accuracy " + h.finalAccuracy(i));
                assertTrue(h.trainLoss()[i][14] < h.trainLoss()[i][0], u + " peer " + i + " loss fell");
            }
            assertEquals(15L * 8, h.steps());
        }
    }

    @Test
    void finalAccuracyIsTheMeanOfTheLastFiveEpochs() {
        CohortTrainer.History h = new CohortTrainer.History(
                new double[][] {{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}, {0.3, 0.5}}, new double[2][], 1, 1);
        assertEquals(0.5, h.finalAccuracy(0), 1e-15);
        assertEquals(0.4, h.finalAccuracy(1), 1e-15);
        assertEquals(0.45, h.meanFinalAccuracy(), 1e-15);
    }

    @Test
    void peersSharingAnOptimizerOrParametersAreRefused() {
        Module mlp = Mlp.of(4, 8, 3);
        Optimizer shared = CohortTrainer.defaultSgd(0.05);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CohortTrainer.builder(
                peers(List.of(mlp, mlp), List.of(shared, shared)), MutualLoss.of(1)).build());
        assertEquals("cohort: peers 0 and 1 share one optimizer; give each peer its own (an optimizer keeps its state"
                + " by parameter name, so the peers' momentum would mix)", e.getMessage());
        Params params = Params.init(mlp, DType.FLOAT64, 1);
        List<CohortTrainer.Peer> sameParams = List.of(new CohortTrainer.Peer(mlp, params, sgds(1).get(0)),
                new CohortTrainer.Peer(mlp, params, sgds(1).get(0)));
        e = assertThrows(IllegalArgumentException.class,
                () -> CohortTrainer.builder(sameParams, MutualLoss.of(1)).build());
        assertEquals("cohort: peers 0 and 1 share parameters; give each peer its own (Params.init)",
                e.getMessage());
    }
}
