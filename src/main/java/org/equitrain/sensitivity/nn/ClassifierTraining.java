package org.equitrain.sensitivity.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Var;
import org.equitrain.data.Minibatches;
import org.equitrain.data.Rows;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.losses.PerExampleLoss;
import org.equitrain.nn.optim.LrSchedule;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.nn.train.TrainingDivergedException;
import org.equitrain.tensor.Tensor;

/**
 * Epochs of minibatch training of a {@link Classifier} on the mean cross-entropy, with seeded batches (epoch e of
 * seed s is the same permutation whatever was removed, so a retraining without example i differs from its control
 * only by i's zero weight). A first-order optimizer adds the prior itself (Adam's L2 weight decay δ/N); IVON's
 * prior is in its config.
 */
public final class ClassifierTraining {
    /**
     * The largest mean cross-entropy a step accepts, −log of the smallest normal double (≈ 708.4): above it some
     * label's predicted probability e^{−ℓ} underflows float64, so the model has diverged though its loss is finite.
     */
    static final double LARGEST_MEAN_LOSS = -Math.log(Double.MIN_NORMAL);

    private ClassifierTraining() {
    }

    /**
     * One epoch of {@code optimizer} with the learning rate {@code schedule.at(step)}; {@code keep} (nullable)
     * weights every example's loss, 0 removes it.
     */
    public static void epoch(Classifier model, Optimizer optimizer, LrSchedule schedule, Tensor x, int[] y,
            double[] keep, int batchSize, long seed, int epoch) {
        int[] last = null;
        for (int[] idx : new Minibatches(y.length, batchSize, seed).epoch(epoch)) {
            optimizer.setLearningRate(schedule.at(optimizer.steps()));
            optimizer.step(model.params(), gradients(model, x, y, keep, idx, optimizer.steps() + 1, epoch));
            last = idx;
        }
        requireFiniteAfterUpdate(model, x, y, keep, last, optimizer.steps(), epoch);
    }

    /** One epoch of IVON with the learning rate {@code schedule.at(step)}, one sample θ = m + ε per step. */
    public static void epoch(Classifier model, Ivon ivon, LrSchedule schedule, Tensor x, int[] y, int batchSize,
            long seed, int epoch, SplittableRandom rng) {
        int[] last = null;
        for (int[] idx : new Minibatches(y.length, batchSize, seed).epoch(epoch)) {
            ivon.setLearningRate(schedule.at(ivon.steps()));
            ivon.step(model.params(), rng, () -> gradients(model, x, y, null, idx, ivon.steps() + 1, epoch));
            last = idx;
        }
        requireFiniteAfterUpdate(model, x, y, null, last, ivon.steps(), epoch);
    }

    /**
     * Gradients of (1/B) Σ_b keep_b ℓ_b over the batch {@code idx}, the {@code step}-th (1-based) of {@code epoch};
     * a NaN loss or one above {@link #LARGEST_MEAN_LOSS} stops training with {@link TrainingDivergedException}.
     */
    static List<Tensor> gradients(Classifier model, Tensor x, int[] y, double[] keep, int[] idx, long step,
            int epoch) {
        Var loss = meanLoss(model, x, y, keep, idx);
        if (!(loss.item() <= LARGEST_MEAN_LOSS)) {
            throw new TrainingDivergedException("the mean loss", step, epoch, loss.item(), Double.NaN);
        }
        return Grad.gradTensors(loss, model.params().vars());
    }

    /**
     * The check the next step would make, for an epoch's last: the mean loss of its batch {@code idx} at the updated
     * parameters, else the update diverged and every prediction of the model is NaN.
     */
    private static void requireFiniteAfterUpdate(Classifier model, Tensor x, int[] y, double[] keep, int[] idx,
            long step, int epoch) {
        try (GradMode off = GradMode.off()) {
            double after = meanLoss(model, x, y, keep, idx).item();
            if (!(after <= LARGEST_MEAN_LOSS)) {
                throw TrainingDivergedException.afterUpdate("the mean loss", after, step, epoch, Double.NaN);
            }
        }
    }

    /** (1/B) Σ_b keep_b ℓ_b over the batch {@code idx} ({@code keep} null: all 1). */
    private static Var meanLoss(Classifier model, Tensor x, int[] y, double[] keep, int[] idx) {
        Tensor xb = Classifier.rows(x, idx);
        PerExampleLoss ce = CrossEntropy.of(model.logits(xb), Classifier.labels(y, idx));
        Var loss;
        if (keep == null) {
            loss = ce.mean();
        } else {
            double[] w = new double[idx.length];
            for (int r = 0; r < idx.length; r++) {
                w[r] = keep[idx[r]];
            }
            loss = ce.weightedMean(w);
        }
        return loss;
    }

    /** mean_i −log softmax(f_i)[y_i] and accuracy over every row, evaluated in batches: {nll, accuracy}. */
    public static double[] evaluate(Classifier model, Tensor x, int[] y, int batchSize) {
        Classifier.checkBatchSize(batchSize);
        double nll = 0;
        int correct = 0;
        for (int start = 0; start < y.length; start += batchSize) {
            int[] idx = Rows.range(start, Math.min(y.length, start + batchSize));
            double[] f = model.logitValues(Classifier.rows(x, idx)).toDoubleArray();
            int k = f.length / idx.length;
            for (int r = 0; r < idx.length; r++) {
                double[] fi = java.util.Arrays.copyOfRange(f, r * k, (r + 1) * k);
                nll += NetworkSensitivity.nll(fi, y[idx[r]]);
                int arg = 0;
                for (int c = 1; c < k; c++) {
                    if (fi[c] > fi[arg]) {
                        arg = c;
                    }
                }
                correct += arg == y[idx[r]] ? 1 : 0;
            }
        }
        return new double[] {nll / y.length, (double) correct / y.length};
    }
}
