package org.equitrain.mutual;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.autodiff.CustomOp;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.tensor.Tensor;

/**
 * The RDML losses of a cohort as closed-form loss heads (renyi-dml.md §3): each peer's logits are read and
 * log-softmaxed once, in float64, and shared by every loss they enter (as student and as peer), so a cohort of K
 * costs K log-softmaxes plus K(K−1) weight vectors w_ij instead of 2K(K−1) log-softmaxes (from K = 3, without the
 * clamp, the w_ij come from per-peer factors: {@link FactoredPairs}). Peer i's loss is a
 * single autodiff node on its own logits with the gradient, accumulated while the loss is computed,
 *
 * <pre>(1/B)[(q_i − onehot(y)) + c·T Σ_{j≠i} (q_i − w_ij)],   c = weight/(K−1)</pre>
 *
 * (for {@link PeerAggregation#DIVERGENCE_TO_MEAN} one w per student against the averaged peer, c = weight).
 */
final class CohortLossHead {
    private final RenyiDivergence div;
    private final double weight;
    private final PeerAggregation aggregation;
    private final List<Var> logits;
    private final int[] labels;
    private final Tensor onehot;
    private final int classes;
    private final double[][] z; // raw logits, float64
    private final double[][] logQ; // log softmax(z/T), the student side
    private final double[][] q; // softmax(z/T)
    private final double[][] logP; // logQ floored under the clamp, the peer side
    private final FactoredPairs pairs; // the pair terms from per-peer factors, where they apply

    CohortLossHead(RenyiDivergence div, double weight, PeerAggregation aggregation, List<Var> logits, int[] labels) {
        this.div = div;
        this.weight = weight;
        this.aggregation = aggregation;
        this.logits = logits;
        this.labels = labels;
        this.onehot = CrossEntropy.onehot(logits.get(0), labels); // every peer's logits have this shape
        this.classes = logits.get(0).dim(1);
        int k = logits.size();
        z = new double[k][];
        logQ = new double[k][];
        q = new double[k][];
        logP = new double[k][];
        for (int j = 0; j < k; j++) {
            z[j] = logits.get(j).value().toDoubleArray();
            q[j] = new double[z[j].length];
            logQ[j] = div.temperedLogSoftmax(z[j], classes, q[j]);
            logP[j] = div.clampParity() ? logQ[j].clone() : logQ[j];
            div.floorUnderClamp(logP[j], 0, logP[j].length);
        }
        pairs = k >= 3 && !div.clampParity() && aggregation == PeerAggregation.MEAN_OF_DIVERGENCES
                ? new FactoredPairs(div, classes, logQ, q) : null;
    }

    /** The loss of every peer, in peer order. */
    List<Var> all() {
        List<Var> out = new ArrayList<>(logits.size());
        for (int i = 0; i < logits.size(); i++) {
            out.add(loss(i));
        }
        return out;
    }

    /** Peer {@code i}'s loss: CE(z_i, y) + weight·mutual_i, differentiable in z_i only. */
    Var loss(int i) {
        Var student = logits.get(i);
        int batch = labels.length;
        int n = z[i].length;
        double[] grad = new double[n];
        double ce = (div.temperature() == 1 // log softmax(z/1) is the cross-entropy's own log softmax
                ? CrossEntropy.addMeanGradient(logQ[i], q[i], labels, classes, grad)
                : CrossEntropy.addMeanGradient(z[i], labels, classes, grad)) / batch;
        double[] mutualGrad = new double[n];
        double[] w = new double[classes];
        boolean kl = div.usesKlBranch(student.dtype()); // τ follows the student's dtype (renyi-dml.md §3)
        // renyi-dml.md §2: each divergence is a mean over the batch, summed over classes
        double sum = 0;
        if (pairs != null) {
            sum = pairs.addStudentTerms(i, kl, w, mutualGrad) / batch;
        } else {
            for (double[] lp : references(i)) {
                double total = 0;
                for (int off = 0; off < n; off += classes) {
                    total += div.sample(lp, off, logQ[i], q[i], off, classes, w, kl, mutualGrad, off, 1);
                }
                sum += total / batch;
            }
        }
        double c = aggregation == PeerAggregation.MEAN_OF_DIVERGENCES ? 1.0 / (logits.size() - 1) : 1.0;
        double value = ce + sum * c * weight;
        double scale = weight * c;
        double perExample = scale / batch;
        for (int e = 0; e < n; e++) {
            grad[e] += perExample * mutualGrad[e]; // renyi-dml.md §3: (1/B)(q − w) per pair
        }
        Tensor closedForm = Tensor.wrap(grad, student.shape()).to(student.dtype());
        return CustomOp.of("rdmlLoss", Tensor.scalar(student.dtype(), value), g -> new Var[] {
            GradMode.isEnabled()
                    ? Ops.mul(differentiableGradient(i, scale), g)
                    : Ops.mul(Var.constant(closedForm), g)}, student);
    }

    /**
     * The peer-side log-probabilities student {@code i} is compared with: every other peer's (mean of
     * divergences), or the one of the averaged peer distribution (divergence to the mean).
     */
    private List<double[]> references(int i) {
        List<double[]> out = new ArrayList<>();
        if (aggregation == PeerAggregation.MEAN_OF_DIVERGENCES) {
            for (int j = 0; j < logits.size(); j++) {
                if (j != i) {
                    out.add(logP[j]);
                }
            }
        } else {
            out.add(div.logProbs(meanPeerLogits(i), classes));
        }
        return out;
    }

    /**
     * Logits of the averaged softened peer distribution: {@code T·log mean_{j≠i} softmax(a_j/T)}, so that
     * dividing by T again recovers that average (DML_e, renyi-dml.md §2). Kept in float64.
     */
    private double[] meanPeerLogits(int i) {
        int n = z[i].length;
        double[] out = new double[n];
        double logCount = Math.log(logits.size() - 1);
        for (int e = 0; e < n; e++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < logits.size(); j++) {
                if (j != i) {
                    max = Math.max(max, logQ[j][e]);
                }
            }
            double sum = 0;
            for (int j = 0; j < logits.size(); j++) {
                if (j != i) {
                    sum += Math.exp(logQ[j][e] - max);
                }
            }
            out[e] = div.temperature() * (max + Math.log(sum) - logCount);
        }
        return out;
    }

    /** The same gradient from differentiable ops of z_i, for createGraph passes (Hessian-vector products). */
    private Var differentiableGradient(int i, double scale) {
        Var student = logits.get(i);
        Var mutual = null;
        if (aggregation == PeerAggregation.MEAN_OF_DIVERGENCES) {
            for (int j = 0; j < logits.size(); j++) {
                if (j != i) {
                    Var d = RenyiMutualTerm.differentiableGradient(div, z[j], student);
                    mutual = mutual == null ? d : Ops.add(mutual, d);
                }
            }
        } else {
            mutual = RenyiMutualTerm.differentiableGradient(div, meanPeerLogits(i), student);
        }
        return Ops.add(CrossEntropy.meanGradient(student, onehot), Ops.mulScalar(mutual, scale));
    }
}
