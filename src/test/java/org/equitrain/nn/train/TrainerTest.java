package org.equitrain.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Activation;
import org.equitrain.nn.BatchNorm;
import org.equitrain.nn.Context;
import org.equitrain.nn.Linear;
import org.equitrain.nn.Params;
import org.equitrain.nn.Sequential;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.optim.Adam;
import org.equitrain.nn.optim.LrSchedule;
import org.equitrain.nn.optim.Sgd;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    private static final int N = 50;
    private static final int FEATURES = 4;
    private static final Sequential MODEL = new Sequential(new Linear(FEATURES, 16), new BatchNorm(16),
            Activation.relu(), new Linear(16, 3));

    @TempDir
    Path dir;

    /** A batch of inputs and class labels. */
    record Batch(Tensor x, int[] y) {
    }

    /** Three classes: the arg max of a fixed linear map of Gaussian inputs. */
    private static final Tensor X = Tensor.randn(DType.FLOAT64, new SplittableRandom(5), N, FEATURES);
    private static final int[] Y = labels();

    private static int[] labels() {
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            double a = X.get(i, 0) + X.get(i, 1);
            double b = X.get(i, 2) - X.get(i, 0);
            double c = X.get(i, 3);
            y[i] = a > b && a > c ? 0 : b > c ? 1 : 2;
        }
        return y;
    }

    private static Batch batch(int[] idx) {
        Tensor x = Tensor.zeros(DType.FLOAT64, idx.length, FEATURES);
        int[] y = new int[idx.length];
        for (int r = 0; r < idx.length; r++) {
            for (int c = 0; c < FEATURES; c++) {
                x.set(X.get(idx[r], c), r, c);
            }
            y[r] = Y[idx[r]];
        }
        return new Batch(x, y);
    }

    /** Cross-entropy with a little input noise drawn from the step's random source (like dropout would). */
    private static Var loss(Params p, Batch b, Context ctx) {
        Tensor noise = Tensor.randn(DType.FLOAT64, ctx.rng(), b.x().dims());
        Var x = Ops.add(Var.constant(b.x()), Ops.mulScalar(Var.constant(noise), 0.05));
        return CrossEntropy.of(MODEL.forward(p, x, ctx), b.y()).mean();
    }

    /** The loss on all N examples, without noise, in the given mode. */
    private static double fullLoss(Params p, Context ctx) {
        try (GradMode off = GradMode.off()) {
            return CrossEntropy.of(MODEL.forward(p, Var.constant(X), ctx), Y).mean().item();
        }
    }

    private Trainer<Batch> trainer(Params p, Path checkpoint, int every, Trainer.ProgressListener listener) {
        int steps = 5 * 7;
        return Trainer.builder(p, Adam.adam(0.01), TrainerTest::loss, TrainerTest::batch, N)
                .epochs(5).batchSize(8).seed(11)
                .schedule(LrSchedule.cosine(0.01, steps, 1e-4).withWarmup(5), Trainer.ScheduleUnit.STEP)
                .clipGradNorm(1.0)
                .checkpoint(checkpoint, every)
                .listener(listener)
                .build();
    }

    @Test
    void trainingReducesTheLossAndFillsBatchNormBuffers() {
        Params p = Params.init(MODEL, DType.FLOAT64, 1);
        double before = fullLoss(p, Context.train(new SplittableRandom(0), new HashMap<>()));
        Trainer<Batch> t = Trainer.builder(p, Adam.adam(0.02), TrainerTest::loss, TrainerTest::batch, N)
                .epochs(30).batchSize(10).seed(3).build();
        TrainingProgress end = t.fit();
        assertEquals(150, end.step());
        assertEquals(30, end.epoch());
        assertEquals(List.of("1.running_mean", "1.running_var"), t.buffers().keySet().stream().sorted().toList());
        double afterTrainMode = fullLoss(p, Context.train(new SplittableRandom(0), new HashMap<>()));
        double afterEvalMode = fullLoss(p, Context.eval(t.buffers()));
        assertTrue(afterTrainMode < 0.5 * before, "loss " + before + " → " + afterTrainMode);
        assertTrue(afterEvalMode < 0.5 * before, "loss " + before + " → " + afterEvalMode + " in eval mode");
    }

    @Test
    void resumedRunIsBitIdenticalToAnUnbrokenRun() throws IOException {
        Params unbroken = Params.init(MODEL, DType.FLOAT64, 1);
        Trainer<Batch> reference = trainer(unbroken, dir.resolve("reference.ckpt"), 0, (s, e, l) -> { });
        reference.fit();

        // {checkpoint interval, step at which the run is killed}: mid-epoch, and at an epoch boundary.
        for (int[] plan : new int[][] {{4, 18}, {7, 15}}) {
            Path ckpt = dir.resolve("run-" + plan[0] + ".ckpt");
            Params first = Params.init(MODEL, DType.FLOAT64, 1);
            RuntimeException kill = assertThrows(RuntimeException.class, () -> trainer(first, ckpt, plan[0],
                    (step, epoch, l) -> {
                        if (step == plan[1]) {
                            throw new RuntimeException("killed");
                        }
                    }).fit());
            assertEquals("killed", kill.getMessage());

            Params fresh = Params.init(MODEL, DType.FLOAT64, 99);
            List<Long> steps = new ArrayList<>();
            Trainer<Batch> resumed = trainer(fresh, ckpt, plan[0], (step, epoch, l) -> steps.add(step));
            assertTrue(resumed.resumeIfPresent());
            long from = plan[1] / plan[0] * plan[0];
            assertEquals(from, resumed.progress().step());
            resumed.fit();
            assertEquals(LongStream.rangeClosed(from + 1, 35).boxed().toList(), steps);
            for (String name : unbroken.names()) {
                assertArrayEquals(unbroken.asMap().get(name).value().doubles(),
                        fresh.asMap().get(name).value().doubles(), 0.0, name);
            }
            for (String name : reference.buffers().keySet()) {
                assertArrayEquals(reference.buffers().get(name).doubles(), resumed.buffers().get(name).doubles(), 0.0,
                        name);
            }
        }
    }

    @Test
    void resumeRefusesACheckpointFromAnotherSeed() {
        Path ckpt = dir.resolve("seed.ckpt");
        trainer(Params.init(MODEL, DType.FLOAT64, 1), ckpt, 0, (s, e, l) -> { }).fit();
        Trainer<Batch> other = Trainer.builder(Params.init(MODEL, DType.FLOAT64, 1), Adam.adam(0.01),
                TrainerTest::loss, TrainerTest::batch, N).batchSize(8).seed(12).checkpoint(ckpt, 0).build();
        Exception e = assertThrows(IllegalArgumentException.class, other::resumeIfPresent);
        assertEquals("cannot resume from " + ckpt + ": it was written by a run with seed 11, this trainer has seed 12",
                e.getMessage());
    }

    @Test
    void divergenceNamesTheStepAndTheLastFiniteLoss() {
        // SGD with lr 10 on Σw² multiplies w by −19 each step until the loss overflows to infinity.
        Params p = Params.fromTensors(Map.of("w", Tensor.ones(DType.FLOAT64, 3)));
        long[] lastStep = {0};
        double[] lastLoss = {Double.NaN};
        Trainer<int[]> t = Trainer.<int[]>builder(p, new Sgd(10), (params, batch, ctx) -> {
            Var w = params.get("w");
            return Ops.sum(Ops.mul(w, w));
        }, idx -> idx, 1).epochs(1000).batchSize(1).listener((step, epoch, l) -> {
            lastStep[0] = step;
            lastLoss[0] = l;
        }).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::fit);
        assertEquals(lastStep[0] + 1, e.step());
        assertTrue(e.step() > 100);
        assertEquals(lastLoss[0], e.lastFiniteLoss(), 0.0);
        assertEquals("training diverged at step " + e.step() + " (epoch " + e.step() + "): loss is Infinity; "
                + "last finite loss " + lastLoss[0] + " at step " + lastStep[0], e.getMessage());
    }

    @Test
    void divergenceOnTheFirstStepSaysSo() {
        Params p = Params.fromTensors(Map.of("w", Tensor.ones(DType.FLOAT64, 1)));
        Trainer<int[]> t = Trainer.<int[]>builder(p, new Sgd(0.1),
                (params, batch, ctx) -> Ops.mulScalar(Ops.sum(params.get("w")), Double.NaN), idx -> idx, 4).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::fit);
        assertEquals("training diverged at step 1 (epoch 1): loss is NaN; no finite loss before it", e.getMessage());
    }

    @Test
    void anUpdateThatOverflowsAParameterStopsTrainingBeforeTheCheckpoint(@TempDir Path dir) {
        // a finite loss (1e300) whose gradient step sends w to −∞: no later loss would see it on a one-step run
        Params p = Params.fromTensors(Map.of("w", Tensor.ones(DType.FLOAT64, 1)));
        Path ckpt = dir.resolve("last.ckpt");
        Trainer<int[]> t = Trainer.<int[]>builder(p, new Sgd(1e10),
                (params, batch, ctx) -> Ops.mulScalar(Ops.sum(params.get("w")), 1e300), idx -> idx, 4)
                .epochs(1).batchSize(4).checkpoint(ckpt, 1).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::fit);
        assertEquals("training diverged at step 1 (epoch 1): the update made parameter 'w' -Infinity; the step's loss "
                + "was 1.0E300", e.getMessage());
        assertEquals(1e300, e.lastFiniteLoss(), 0.0);
        assertFalse(Files.exists(ckpt), "no checkpoint of non-finite weights");
    }

    @Test
    void epochSchedulesSetTheLearningRateBeforeEachStep() {
        Params p = Params.init(MODEL, DType.FLOAT64, 1);
        Sgd sgd = new Sgd(1.0);
        List<double[]> seen = new ArrayList<>();
        Trainer.builder(p, sgd, TrainerTest::loss, TrainerTest::batch, N).epochs(5).batchSize(25)
                .schedule(LrSchedule.step(0.1, 2, 0.5), Trainer.ScheduleUnit.EPOCH)
                .listener((step, epoch, l) -> seen.add(new double[] {epoch, sgd.learningRate()}))
                .build().fit();
        assertEquals(10, seen.size());
        for (double[] s : seen) {
            assertEquals(0.1 * Math.pow(0.5, Math.floor(s[0] / 2)), s[1], 1e-15);
        }
    }
}
