package org.equitrain.mutual;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.losses.CrossEntropy;

/**
 * The RDML loss of peer i in a cohort of K peers (renyi-dml.md §2):
 * {@code CE(z_i, y) + weight·(1/(K−1)) Σ_{j≠i} D_α(stopgrad(p_j) ‖ q_i)}, or with
 * {@link PeerAggregation#DIVERGENCE_TO_MEAN} {@code CE + weight·D_α(mean_{j≠i} p_j ‖ q_i)}. K = 1 or α = 0 leaves
 * plain cross-entropy (independent training). Only peer i's logits receive gradient.
 *
 * <p>Immutable. Defaults (renyi-dml.md §4): α = 1 with no schedule, weight 1, temperature 1, mean of
 * divergences, log-space form.
 */
public final class MutualLoss {
    private final AlphaSchedule schedule;
    private final double weight;
    private final RenyiDivergence form; // temperature, clamp and τ; α comes from the schedule
    private final PeerAggregation aggregation;

    private MutualLoss(AlphaSchedule schedule, double weight, RenyiDivergence form, PeerAggregation aggregation) {
        this.schedule = schedule;
        this.weight = weight;
        this.form = form;
        this.aggregation = aggregation;
    }

    /** The loss with a constant Rényi order α. */
    public static MutualLoss of(double alpha) {
        return new MutualLoss(AlphaSchedule.constant(alpha), 1.0, RenyiDivergence.of(alpha),
                PeerAggregation.MEAN_OF_DIVERGENCES);
    }

    /** This with α following {@code s} over the epochs (the divergence's other options are kept). */
    public MutualLoss withSchedule(AlphaSchedule s) {
        return new MutualLoss(s, weight, form, aggregation);
    }

    /** Weight of the mutual term (default 1). */
    public MutualLoss withWeight(double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("mutual loss weight must be finite and >= 0, got " + w);
        }
        return new MutualLoss(schedule, w, form, aggregation);
    }

    /** See {@link RenyiDivergence#withTemperature}. */
    public MutualLoss withTemperature(double t) {
        return new MutualLoss(schedule, weight, form.withTemperature(t), aggregation);
    }

    /** See {@link RenyiDivergence#withClampParity}. */
    public MutualLoss withClampParity(boolean on) {
        return new MutualLoss(schedule, weight, form.withClampParity(on), aggregation);
    }

    /** This with peers combined by {@code a} (default {@link PeerAggregation#MEAN_OF_DIVERGENCES}). */
    public MutualLoss withAggregation(PeerAggregation a) {
        return new MutualLoss(schedule, weight, form, a);
    }

    /** The divergence used at {@code epoch} of {@code totalEpochs} (α from the schedule). */
    public RenyiDivergence divergenceAt(int epoch, int totalEpochs) {
        return form.withAlpha(schedule.alphaAt(epoch, totalEpochs));
    }

    /** {@link #loss(int, List, int[], int, int)} at epoch 0 of 1 (for a constant α, any epoch). */
    public Var loss(int peer, List<Var> logits, int[] labels) {
        return loss(peer, logits, labels, 0, 1);
    }

    /**
     * The scalar loss of peer {@code peer} given every peer's {@code [batch, classes]} logits on the same shared
     * minibatch (pre-update outputs) and the labels; α is the schedule's value at {@code epoch}.
     */
    public Var loss(int peer, List<Var> logits, int[] labels, int epoch, int totalEpochs) {
        checkPeers(logits, peer);
        RenyiDivergence div = divergenceAt(epoch, totalEpochs);
        if (independent(logits.size(), div)) {
            return CrossEntropy.mean(logits.get(peer), labels);
        }
        return new CohortLossHead(div, weight, aggregation, logits, labels).loss(peer);
    }

    /**
     * Every peer's loss at once, in peer order, as {@link #loss(int, List, int[], int, int)} gives them: loss i is
     * differentiable in {@code logits.get(i)} only. Each peer's log-softmax is computed once and shared by all
     * the losses it enters, so this is cheaper than K separate calls.
     */
    public List<Var> losses(List<Var> logits, int[] labels, int epoch, int totalEpochs) {
        checkPeers(logits, 0);
        RenyiDivergence div = divergenceAt(epoch, totalEpochs);
        if (independent(logits.size(), div)) {
            List<Var> out = new ArrayList<>(logits.size());
            for (Var z : logits) {
                out.add(CrossEntropy.mean(z, labels));
            }
            return out;
        }
        return new CohortLossHead(div, weight, aggregation, logits, labels).all();
    }

    /** K = 1, α = 0 or weight 0: plain cross-entropy (independent training, renyi-dml.md §2). */
    private boolean independent(int k, RenyiDivergence div) {
        return k == 1 || div.alpha() == 0 || weight == 0;
    }

    private static void checkPeers(List<Var> logits, int peer) {
        int k = logits.size();
        if (peer < 0 || peer >= k) {
            throw new IllegalArgumentException("peer index " + peer + " outside a cohort of " + k);
        }
        Var student = logits.get(peer);
        for (int j = 0; j < k; j++) {
            if (!logits.get(j).shape().equals(student.shape())) {
                throw new IllegalArgumentException("mutual loss: peer " + j + " logits " + logits.get(j).shape()
                        + " differ from peer " + peer + " logits " + student.shape());
            }
        }
    }
}
