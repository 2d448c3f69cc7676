package org.equitrain.fairness;

import java.util.Map;
import org.equitrain.autodiff.perexample.LayerSignals;
import org.equitrain.tensor.Tensor;

/**
 * Learning to Reweight (Ren et al. 2018; forml.md §2): per batch, u_i = −∂/∂ε_i (1/m) Σ_j ℓ^v_j(θ̂(ε)) at ε = 0,
 * which by the identity of §3 is α⟨G_m, g_i⟩ with G_m the held-out mean-loss gradient at θ; w = max(u, 0)
 * normalised to sum 1, and the real step descends Σ_i w_i ℓ_i (skipped when every w_i is 0).
 */
public final class L2rwTrainer implements ReweightingTrainer {
    private final HeldOutBatches heldOut;
    private final double alpha;
    private double[] last;

    /**
     * L2RW with virtual step size α (any α &gt; 0 gives the same weights) and held-out batches of about m ≥ 1 rows
     * ({@link HeldOutBatches}).
     */
    public L2rwTrainer(GroupedData heldOut, double alpha, int heldOutBatch, long seed) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("l2rw: the virtual step size must be > 0, got " + alpha);
        }
        this.heldOut = new HeldOutBatches(heldOut, heldOutBatch, seed);
        this.alpha = alpha;
    }

    @Override
    public String name() {
        return "l2rw";
    }

    @Override
    public void start(GroupedData train) {
        last = new double[train.size()];
    }

    @Override
    public double[] stepCoefficients(BatchStep step) {
        Map<String, Tensor> theta = MetaGradient.virtualStep(step.params(), step.signals(), new double[step.size()]);
        LayerSignals meta = MetaGradient.heldOutSignals(step.model(), theta, heldOut.next(), MetaObjective.MEAN_LOSS,
                0);
        double[] w = clipAndNormalise(MetaGradient.perExample(step.signals(), meta, alpha)); // u_i = α⟨G_m, g_i⟩
        for (int i = 0; i < w.length; i++) {
            last[step.rows()[i]] = w[i];
        }
        return w;
    }

    /** L2RW step 3: w̃ = max(u, 0), w = w̃ / Σ w̃; all zeros when no u_i is positive (the step is skipped). */
    public static double[] clipAndNormalise(double[] u) {
        double[] w = new double[u.length];
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            w[i] = Math.max(u[i], 0);
            s += w[i];
        }
        if (s > 0) {
            for (int i = 0; i < w.length; i++) {
                w[i] /= s;
            }
        }
        return w;
    }

    @Override
    public double[] weights() {
        return last.clone();
    }
}
