package org.equitrain.nn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Context;
import org.equitrain.nn.Params;
import org.equitrain.nn.optim.GradientClipping;
import org.equitrain.nn.optim.LrSchedule;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.tensor.Tensor;
import org.equitrain.tensor.Workspace;

/**
 * A small, deterministic minibatch training loop. Each step: set the learning rate from the schedule, build the
 * batch from the next index array of {@link IndexBatches}, evaluate the loss in training mode, stop with a
 * {@link TrainingDivergedException} if it is not finite, differentiate it with respect to all parameters, clip
 * (optional), take an optimizer step (parameters are updated in place; a NaN or infinite parameter found before a
 * checkpoint or at the end of an epoch stops training likewise), checkpoint every k steps (optional), and
 * report (step, epoch, loss) to a listener. The model is whatever the loss function calls; the trainer knows only
 * parameters, buffers and the optimizer. Data stays outside: a {@link BatchSource} turns indices into a batch.
 *
 * <p>Randomness comes from the seed only: batch order from {@code (seed, epoch)}, and each step's
 * {@link Context#rng()} from {@code Seeds.derive(seed, 2, step)}. Resuming from a checkpoint therefore reaches
 * bit-identical parameters to an unbroken run.
 *
 * <pre>{@code
 * Trainer<Batch> trainer = Trainer.<Batch>builder(params, Adam.adam(1e-3),
 *         (p, batch, ctx) -> CrossEntropy.of(model.forward(p, batch.x(), ctx), batch.y()).mean(),
 *         indices -> data.batch(indices), data.size())
 *     .epochs(10).batchSize(64).seed(7).checkpoint(Path.of("run/last.ckpt"), 500).build();
 * trainer.resumeIfPresent();
 * trainer.fit();
 * }</pre>
 *
 * @param <B> the batch type
 */
public final class Trainer<B> {
    static final long CONTEXT_STREAM = 2;

    /** Builds the batch holding the examples at {@code indices}. */
    @FunctionalInterface
    public interface BatchSource<B> {
        /** The batch of the examples at {@code indices} (one minibatch of {@link IndexBatches}). */
        B batch(int[] indices);
    }

    /** The scalar loss of a batch under {@code params}; {@code ctx} is in training mode. */
    @FunctionalInterface
    public interface LossFunction<B> {
        /** The scalar loss, a Var of size 1, differentiable with respect to {@code params}. */
        Var loss(Params params, B batch, Context ctx);
    }

    /** Called after every step (for progress bars and logs). */
    @FunctionalInterface
    public interface ProgressListener {
        /** Receives the 1-based step, the 0-based epoch and the step's loss. */
        void onStep(long step, int epoch, double loss);
    }

    /** What the learning-rate schedule's time index counts. */
    public enum ScheduleUnit {
        /** The 0-based epoch (PyTorch's usual per-epoch {@code scheduler.step()}). */
        EPOCH,
        /** The number of steps taken before this one. */
        STEP
    }

    private final Params params;
    private final Optimizer optimizer;
    private final LossFunction<B> loss;
    private final BatchSource<B> source;
    private final IndexBatches batches;
    private final int epochs;
    private final long seed;
    private final LrSchedule schedule;
    private final ScheduleUnit unit;
    private final double clipNorm;
    private final Path checkpointPath;
    private final int checkpointEvery;
    private final ProgressListener listener;
    private final Map<String, Tensor> buffers;
    private final Workspace workspace = new Workspace();
    private TrainingProgress progress;
    private long savedStep = -1;

    private Trainer(Builder<B> b) {
        this.params = b.params;
        this.optimizer = b.optimizer;
        this.loss = b.loss;
        this.source = b.source;
        this.batches = new IndexBatches(b.examples, b.batchSize, b.seed, b.dropLast);
        this.epochs = b.epochs;
        this.seed = b.seed;
        this.schedule = b.schedule;
        this.unit = b.unit;
        this.clipNorm = b.clipNorm;
        this.checkpointPath = b.checkpointPath;
        this.checkpointEvery = b.checkpointEvery;
        this.listener = b.listener;
        this.buffers = b.buffers;
        this.progress = TrainingProgress.start(b.seed);
    }

    /** A builder over {@code examples} examples numbered 0..examples−1. */
    public static <B> Builder<B> builder(Params params, Optimizer optimizer, LossFunction<B> loss,
            BatchSource<B> source, int examples) {
        return new Builder<>(params, optimizer, loss, source, examples);
    }

    /** Trains from the current position to the end of the last epoch and returns the final position. */
    public TrainingProgress fit() {
        while (progress.epoch() < epochs) {
            fitEpoch();
        }
        return progress;
    }

    /**
     * Trains to the end of the current epoch (for per-epoch evaluation: {@code while (t.progress().epoch() < E)
     * { t.fitEpoch(); evaluate(); }}); at the end of the last epoch it writes the final checkpoint.
     */
    public TrainingProgress fitEpoch() {
        if (progress.epoch() >= epochs) {
            throw new IllegalStateException("training already finished its " + epochs + " epochs");
        }
        List<Var> vars = params.vars();
        int epoch = progress.epoch();
        int[][] order = batches.epoch(epoch);
        for (int b = progress.batch(); b < order.length; b++) {
            long step = progress.step() + 1;
            if (schedule != null) {
                optimizer.setLearningRate(schedule.at(unit == ScheduleUnit.EPOCH ? epoch : step - 1));
            }
            double l;
            try (Workspace.Scope scope = workspace.enter()) { // this step's op outputs are recycled by the next
                Context ctx = Context.train(new SplittableRandom(Seeds.derive(seed, CONTEXT_STREAM, step)), buffers);
                Var value = loss.loss(params, source.batch(order[b]), ctx);
                if (value.value().size() != 1) {
                    throw new IllegalStateException("the loss function must return a scalar, got shape "
                            + value.shape());
                }
                l = value.item();
                TrainingDivergedException.requireFinite(l, "loss", step, epoch, progress.lastLoss());
                List<Tensor> grads = Grad.gradTensors(value, vars);
                if (clipNorm > 0) {
                    grads = GradientClipping.byGlobalNorm(grads, clipNorm).grads();
                }
                optimizer.step(params, grads);
            }
            progress = new TrainingProgress(step, epoch, b + 1, seed, l);
            if (checkpointEvery > 0 && step % checkpointEvery == 0) {
                requireFiniteParameters();
                saveCheckpoint();
            }
            listener.onStep(step, epoch, l);
        }
        requireFiniteParameters(); // the epoch's last update, which no next loss has checked
        progress = new TrainingProgress(progress.step(), epoch + 1, 0, seed, progress.lastLoss());
        if (progress.epoch() == epochs && checkpointPath != null && savedStep != progress.step()) {
            saveCheckpoint();
        }
        return progress;
    }

    /**
     * Stops training when the last update made a parameter NaN or infinite, before the weights are saved or the
     * epoch is handed back for evaluation. Within an epoch the next step's loss check catches such an update, so
     * this scan of every parameter runs once per epoch and checkpoint, not per step.
     */
    private void requireFiniteParameters() {
        TrainingDivergedException.requireFiniteParameters(params, progress.step(), progress.epoch(),
                progress.lastLoss());
    }

    /** Writes the current state to the checkpoint path. */
    public void saveCheckpoint() {
        if (checkpointPath == null) {
            throw new IllegalStateException("no checkpoint path was configured");
        }
        try {
            Checkpoint.capture(params, buffers, optimizer, progress).save(checkpointPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + checkpointPath + ": " + e.getMessage(), e);
        }
        savedStep = progress.step();
    }

    /** Resumes from the configured checkpoint file when it exists; returns whether it did. */
    public boolean resumeIfPresent() throws IOException {
        if (checkpointPath == null) {
            throw new IllegalStateException("no checkpoint path was configured");
        }
        if (!Files.exists(checkpointPath)) {
            return false;
        }
        resume(checkpointPath);
        return true;
    }

    /**
     * Restores parameters (in place), buffers, optimizer state and position from a checkpoint written by a run
     * with the same seed and batching.
     */
    public void resume(Path path) throws IOException {
        Checkpoint c = Checkpoint.load(path);
        TrainingProgress p = c.progress();
        String prefix = "cannot resume from " + path + ": ";
        if (p.seed() != seed) {
            throw new IllegalArgumentException(prefix + "it was written by a run with seed " + p.seed()
                    + ", this trainer has seed " + seed);
        }
        if (p.batch() > batches.batchesPerEpoch()) {
            throw new IllegalArgumentException(prefix + "it stopped after batch " + p.batch() + " of epoch "
                    + p.epoch() + " but an epoch here has " + batches.batchesPerEpoch()
                    + " batches (were the data or the batch size changed?)");
        }
        if (c.optimizer() == null) {
            throw new IllegalArgumentException(prefix + "it holds no optimizer state");
        }
        try {
            c.restoreParams(params);
            optimizer.loadState(c.optimizer());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + e.getMessage(), e);
        }
        c.restoreBuffers(buffers);
        progress = p;
        savedStep = p.step();
    }

    /** The position reached: step, epoch, batch within the epoch, seed and last loss. */
    public TrainingProgress progress() {
        return progress;
    }

    /** The parameters being trained; {@link #fit} updates their tensors in place. */
    public Params params() {
        return params;
    }

    /** The buffers filled in training (BatchNorm running statistics): pass them to {@code Context.eval(buffers)}. */
    public Map<String, Tensor> buffers() {
        return buffers;
    }

    /** Options with their defaults: 1 epoch, batch size 32, seed 0, keep the last partial batch, no schedule. */
    public static final class Builder<B> {
        private final Params params;
        private final Optimizer optimizer;
        private final LossFunction<B> loss;
        private final BatchSource<B> source;
        private final int examples;
        private int epochs = 1;
        private int batchSize = 32;
        private long seed;
        private boolean dropLast;
        private LrSchedule schedule;
        private ScheduleUnit unit = ScheduleUnit.EPOCH;
        private double clipNorm;
        private Path checkpointPath;
        private int checkpointEvery;
        private ProgressListener listener = (step, epoch, l) -> { };
        private Map<String, Tensor> buffers = new HashMap<>();

        private Builder(Params params, Optimizer optimizer, LossFunction<B> loss, BatchSource<B> source,
                int examples) {
            this.params = params;
            this.optimizer = optimizer;
            this.loss = loss;
            this.source = source;
            this.examples = examples;
        }

        /** Number of epochs, ≥ 0 (default 1). */
        public Builder<B> epochs(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("epochs must be ≥ 0, got " + n);
            }
            this.epochs = n;
            return this;
        }

        /** Examples per batch (default 32); {@link #build} throws unless it is positive. */
        public Builder<B> batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        /** The run seed: batch order and per-step randomness derive from it. */
        public Builder<B> seed(long s) {
            this.seed = s;
            return this;
        }

        /** Drops each epoch's last, shorter batch (default false: kept). */
        public Builder<B> dropLast(boolean drop) {
            this.dropLast = drop;
            return this;
        }

        /** Sets the optimizer's learning rate to {@code schedule.at(t)} before each step, t counted in {@code unit}. */
        public Builder<B> schedule(LrSchedule s, ScheduleUnit u) {
            this.schedule = s;
            this.unit = u;
            return this;
        }

        /** Clips gradients to this global norm before each step (off by default). */
        public Builder<B> clipGradNorm(double maxNorm) {
            if (!(maxNorm > 0)) {
                throw new IllegalArgumentException("clipping norm must be > 0, got " + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /**
         * Writes the checkpoint {@code path} (overwritten atomically) every {@code everySteps} steps, 0 for only
         * at the end, and makes {@link Trainer#resumeIfPresent} read it.
         */
        public Builder<B> checkpoint(Path path, int everySteps) {
            if (everySteps < 0) {
                throw new IllegalArgumentException("checkpoint interval must be ≥ 0, got " + everySteps);
            }
            this.checkpointPath = path;
            this.checkpointEvery = everySteps;
            return this;
        }

        /** Called after every step (default: none). */
        public Builder<B> listener(ProgressListener l) {
            this.listener = l;
            return this;
        }

        /** The buffer store to fill (a new map by default). */
        public Builder<B> buffers(Map<String, Tensor> b) {
            this.buffers = b;
            return this;
        }

        /**
         * The trainer; throws {@link IllegalArgumentException} if the batch size or example count is below 1, or if
         * {@code dropLast} and the batch size exceeds the example count.
         */
        public Trainer<B> build() {
            return new Trainer<>(this);
        }
    }
}
