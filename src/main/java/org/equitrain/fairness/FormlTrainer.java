package org.equitrain.fairness;

import java.util.Arrays;
import org.equitrain.autodiff.perexample.LayerSignals;

/**
 * FORML (forml.md §4, reconstruction): one persistent weight per training example, learned jointly with θ from a
 * fairness meta-objective on a held-out set. Per step: virtual SGD step with the current weights, held-out
 * meta-gradient G_m at θ̂, d_i = −(α/n)⟨G_m, g_i⟩ by the per-layer factorisation, projected RMS-normalised weight
 * update, renormalisation, and a real step on the updated weights from the same stored signals.
 */
public final class FormlTrainer implements ReweightingTrainer {
    private final FormlOptions options;
    private final HeldOutBatches heldOut;
    /**
     * The stored weights are w_k = scale · raw[k], so that global-mean renormalisation (step 6) changes one number
     * per step rather than all N (which made an epoch cost O(N²/B)). The scale is folded into raw once per epoch's
     * worth of rows, before its drift (a factor ≈ 1 per step) can leave the range of a double.
     */
    private double[] raw;
    private double scale;
    /** Σ_k raw[k], kept up to date as batches are stored. */
    private double rawTotal;
    private long rowsSinceFold;
    private long warmupRows;
    /** The held-out pass at θ̂, with its reused buffers (null before the first step). */
    private LookaheadPass lookahead;

    /**
     * FORML with its meta-objective evaluated on {@code heldOut}; an error when {@code heldOut} has no rows of a group
     * (or group and label) that the objective needs.
     */
    public FormlTrainer(GroupedData heldOut, FormlOptions options) {
        options.objective().validate(heldOut);
        this.options = options;
        this.heldOut = new HeldOutBatches(heldOut, options.heldOutBatch(), options.seed());
    }

    @Override
    public String name() {
        return "forml";
    }

    @Override
    public void start(GroupedData train) {
        warmupRows = (long) options.warmupEpochs() * train.size();
        raw = new double[train.size()];
        Arrays.fill(raw, options.persistent() ? options.weightInit() : 0);
        rawTotal = Arrays.stream(raw).sum();
        scale = 1;
        rowsSinceFold = 0;
    }

    @Override
    public double[] stepCoefficients(BatchStep step) {
        int n = step.size();
        int[] rows = step.rows();
        if (warmupRows > 0) { // §6 warmupEpochs: plain ERM steps until that many epochs' rows have been seen
            warmupRows -= n;
            double[] erm = new double[n];
            Arrays.fill(erm, 1.0 / n);
            return erm;
        }
        double alpha = Double.isNaN(options.lookaheadLr()) ? step.learningRate() : options.lookaheadLr();
        double[] wb = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            wb[i] = options.persistent() ? scale * raw[rows[i]] : 0; // per-batch: ε = 0 (L2RW)
            c[i] = alpha * wb[i] / n;
        }
        // §4 step 2: θ̂ = θ − α (1/n) Σ_i w_i g_i (plain SGD, so the identity of §3 is exact)
        // step 3: G_m = ∇_θ L_meta(θ̂) on a held-out batch, as its layer signals
        if (lookahead == null) {
            lookahead = new LookaheadPass(step.model());
        }
        LayerSignals meta = lookahead.heldOutSignals(step.params(), step.signals(), c, heldOut.next(),
                options.objective(), options.anchor());
        // step 4: d_i = −(α/n) ⟨G_m, g_i⟩
        double[] d = MetaGradient.perExample(step.signals(), meta, -alpha / n);
        // step 5: w_i ← max(0, w_i − η_w d_i / (rms_B(d) + 1e−12))
        double rms = 0;
        for (double v : d) {
            rms += v * v;
        }
        rms = Math.sqrt(rms / n);
        for (int i = 0; i < n; i++) {
            wb[i] = Math.max(0, wb[i] - options.weightLr() * d[i] / (rms + 1e-12));
        }
        double batchScale = normalise(wb, rows);
        foldScalePerEpoch(n);
        // step 6: all weights of the batch zero → skip (L2RW guard); step 7: (1/n) Σ w_i ℓ_i, or Σ w_i ℓ_i
        double per = options.normalise().weightedSum() ? 1 : 1.0 / n;
        for (int i = 0; i < n; i++) {
            c[i] = wb[i] * batchScale * per;
        }
        return c;
    }

    /** Stores the batch's new weights and renormalises (step 6); returns a factor for the batch's weights. */
    private double normalise(double[] wb, int[] rows) {
        double s = 0;
        double sq = 0;
        for (int i = 0; i < wb.length; i++) {
            store(rows[i], wb[i]);
            s += wb[i];
            sq += wb[i] * wb[i];
        }
        switch (options.normalise()) {
            case GLOBAL_MEAN -> {
                double total = scale * rawTotal;
                if (total > 0) {
                    double f = raw.length / total;
                    scale *= f; // every stored weight times f, in O(1)
                    return f;
                }
                return 1;
            }
            case NONE -> {
                return 1;
            }
            default -> {
                double norm = switch (options.normalise()) {
                    case BATCH_MEAN -> s / wb.length;
                    case SUM -> s;
                    default -> Math.sqrt(sq);
                };
                double f = norm > 0 ? 1 / norm : 1;
                for (int i = 0; i < wb.length; i++) {
                    store(rows[i], wb[i] * f);
                }
                return f;
            }
        }
    }

    /** w_row ← weight. */
    private void store(int row, double weight) {
        double r = weight / scale;
        rawTotal += r - raw[row];
        raw[row] = r;
    }

    /** raw ← scale · raw and scale ← 1, after each epoch's worth of rows (O(N) per epoch). */
    private void foldScalePerEpoch(int batchRows) {
        rowsSinceFold += batchRows;
        if (rowsSinceFold < raw.length) {
            return;
        }
        rowsSinceFold = 0;
        rawTotal = 0;
        for (int k = 0; k < raw.length; k++) {
            raw[k] *= scale;
            rawTotal += raw[k];
        }
        scale = 1;
    }

    @Override
    public double[] weights() {
        double[] w = new double[raw.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = scale * raw[k];
        }
        return w;
    }
}
