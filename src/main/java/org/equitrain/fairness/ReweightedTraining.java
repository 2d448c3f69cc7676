package org.equitrain.fairness;

import java.util.ArrayList;
import java.util.Map;
import java.util.function.IntConsumer;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Var;
import org.equitrain.autodiff.perexample.LayerSignals;
import org.equitrain.autodiff.perexample.PerExampleGradients;
import org.equitrain.data.Minibatches;
import org.equitrain.data.Rows;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.nn.optim.Sgd;
import org.equitrain.nn.train.TrainingDivergedException;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.equitrain.tensor.Workspace;

/**
 * The training loop shared by every {@link ReweightingTrainer}: seeded minibatches, one forward/backward pass per
 * step giving the layer signals of Σ_i ℓ_i (softmax cross-entropy), the rule's coefficients c_i, and a real step
 * on Σ_i c_i ∇ℓ_i computed from the same signals (forml.md §3) with SGD (momentum, weight decay), in float64.
 */
public final class ReweightedTraining {
    /** SGD and batching settings; {@link #defaults()} follows forml.md §9 (momentum 0.9, weight decay 5e-4). */
    public record Config(double lr, double momentum, double weightDecay, int batchSize, int epochs, long seed) {
        /** Checks lr, momentum and weight decay finite and ≥ 0, batch size ≥ 1 and epochs ≥ 0. */
        public Config {
            if (!(lr >= 0 && momentum >= 0 && weightDecay >= 0)
                    || Double.isInfinite(lr + momentum + weightDecay)) { // NaN fails the first test
                throw new IllegalArgumentException("reweighted training: learning rate, momentum and weight decay"
                        + " must be finite and ≥ 0; got " + lr + ", " + momentum + ", " + weightDecay);
            }
            if (batchSize < 1 || epochs < 0) {
                throw new IllegalArgumentException("reweighted training: batch size must be 1 or more and epochs 0 or"
                        + " more; got " + batchSize + " and " + epochs);
            }
        }

        /** forml.md §9 defaults: lr 1e-3, momentum 0.9, weight decay 5e-4, batch 512, 50 epochs, seed 0. */
        public static Config defaults() {
            return new Config(1e-3, 0.9, 5e-4, 512, 50, 0);
        }

        /** This config with learning rate {@code v}. */
        public Config withLr(double v) {
            return new Config(v, momentum, weightDecay, batchSize, epochs, seed);
        }

        /** This config with batch size {@code v}. */
        public Config withBatchSize(int v) {
            return new Config(lr, momentum, weightDecay, v, epochs, seed);
        }

        /** This config with {@code v} epochs. */
        public Config withEpochs(int v) {
            return new Config(lr, momentum, weightDecay, batchSize, v, seed);
        }

        /** This config with seed {@code v} (parameter initialisation and minibatch order). */
        public Config withSeed(long v) {
            return new Config(lr, momentum, weightDecay, batchSize, epochs, v);
        }
    }

    /** A divergence of the rule's weights names e.g. "forml's weight of training row 7". */
    private static final String WEIGHT_OF_ROW = "'s weight of training row ";

    private final Module model;
    private final GroupedData train;
    private final ReweightingTrainer method;
    private final Config config;
    private final Params params;
    private final Optimizer optimizer;
    private Map<String, Tensor> gradient;
    private final Workspace workspace = new Workspace();
    private long steps;
    private long skipped;
    private int epoch;
    /** The mean training loss of the last step. */
    private double lastLoss = Double.NaN;
    /** Σ ℓ_i and rows of the epoch under way; the mean of the last finished epoch. */
    private double epochLossSum;
    private long epochRows;
    private double lastEpochLoss = Double.NaN;

    /** Parameters initialised from the config's seed; {@code method.start(train)} is called here. */
    public ReweightedTraining(Module model, GroupedData train, ReweightingTrainer method, Config config) {
        this.model = model;
        this.train = train;
        this.method = method;
        this.config = config;
        this.params = Params.init(model, DType.FLOAT64, config.seed());
        this.optimizer = new Sgd(Sgd.Config.of(config.lr()).withMomentum(config.momentum())
                .withWeightDecay(config.weightDecay()));
        method.start(train);
    }

    /** Runs every epoch of the config; returns this. */
    public ReweightedTraining fit() {
        return fit(epoch -> { });
    }

    /** {@link #fit()}, calling {@code onEpoch} with each finished epoch's number (1-based). */
    public ReweightedTraining fit(IntConsumer onEpoch) {
        Minibatches batches = new Minibatches(train.size(), config.batchSize(), config.seed());
        int[] last = null;
        for (int e = 0; e < config.epochs(); e++) {
            epoch = e;
            epochLossSum = 0;
            epochRows = 0;
            for (int[] rows : batches.epoch(e)) {
                step(rows);
                last = rows;
            }
            if (e == config.epochs() - 1) {
                requireFiniteAfterLastStep(last);
            }
            lastEpochLoss = epochLossSum / epochRows;
            onEpoch.accept(e + 1);
        }
        return this;
    }

    /**
     * The check the next step would make, for the last one: the mean loss of its batch at the updated parameters
     * must be finite, else its update diverged and the weights are unusable (their predictions NaN).
     */
    private void requireFiniteAfterLastStep(int[] rows) {
        try (Workspace.Scope scope = workspace.enter(); GradMode off = GradMode.off()) {
            Var logits = model.forward(params, Var.constant(Rows.select(train.x(), rows)));
            double after = CrossEntropy.of(logits, Rows.pick(train.y(), rows)).sum().item() / rows.length;
            if (!Double.isFinite(after)) {
                throw TrainingDivergedException.afterUpdate("the mean loss", after, steps, epoch, lastLoss);
            }
        }
    }

    /** One step on the training rows {@code rows}; false when the rule skipped it (all coefficients zero). */
    public boolean step(int[] rows) {
        try (Workspace.Scope scope = workspace.enter()) { // this step's op outputs are recycled by the next
            Var logits = model.forward(params, Var.constant(wholeSetInOrder(rows) ? train.x() : Rows.select(train.x(),
                    rows)));
            Var loss = CrossEntropy.of(logits, Rows.pick(train.y(), rows)).sum();
            double meanLoss = loss.item() / rows.length;
            TrainingDivergedException.requireFinite(meanLoss, "the mean loss", steps + 1, epoch, lastLoss);
            lastLoss = meanLoss;
            epochLossSum += loss.item();
            epochRows += rows.length;
            LayerSignals signals = LayerSignals.of(loss, params.asMap());
            double[] c = method.stepCoefficients(new ReweightingTrainer.BatchStep(rows, signals, model, params,
                    optimizer.learningRate()));
            for (int i = 0; i < c.length; i++) { // a NaN weight would spread into every parameter by the step
                if (!Double.isFinite(c[i])) {
                    throw TrainingDivergedException.during(method.name() + WEIGHT_OF_ROW + rows[i], c[i], steps + 1,
                            epoch);
                }
            }
            steps++;
            boolean any = false;
            for (double v : c) {
                any |= v != 0;
            }
            if (!any) {
                skipped++;
                return false;
            }
            // forml.md §3: ∇ Σ_i c_i ℓ_i = Σ_i c_i δ_i z_iᵀ per layer, one GEMM from the stored signals, into buffers
            // reused every step (the optimizer keeps no reference to them)
            if (gradient == null) {
                gradient = MetaGradient.buffer(params);
            }
            PerExampleGradients.addWeightedSumInto(signals, Tensor.wrap(c, c.length), null, gradient);
            optimizer.step(params, new ArrayList<>(gradient.values()));
            return true;
        }
    }

    /** Whether {@code d} is the rule's learned weight of a row leaving the finite range, not the model's loss. */
    public boolean weightsDiverged(TrainingDivergedException d) {
        return d.what().startsWith(method.name() + WEIGHT_OF_ROW);
    }

    /** True when {@code rows} is 0, 1, …, N−1: the batch is the training matrix itself, no copy needed. */
    private boolean wholeSetInOrder(int[] rows) {
        if (rows.length != train.size()) {
            return false;
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** The model's parameters, updated in place by every step. */
    public Params params() {
        return params;
    }

    /** The SGD optimizer of the real step. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The weighting rule. */
    public ReweightingTrainer method() {
        return method;
    }

    /** Steps taken so far, skipped ones included. */
    public long steps() {
        return steps;
    }

    /**
     * The unweighted mean cross-entropy over the training rows of the last finished epoch of {@link #fit}, each row
     * at the parameters of its step (NaN before an epoch has finished).
     */
    public double lastEpochLoss() {
        return lastEpochLoss;
    }

    /** Steps the rule skipped (every weight of the batch zero). */
    public long skipped() {
        return skipped;
    }

    /** Predicted class of every row of {@code data}. */
    public int[] predict(GroupedData data) {
        return Predictions.of(model, params, data.x()).classes();
    }
}
