package org.equitrain.mutual;

/**
 * The Rényi terms of all (peer j, student i) pairs of a cohort without the clamp, from factors computed once per
 * peer instead of once per pair. With s = α·log p_j + (1−α)·log q_i (renyi-dml.md §3) the weights are
 * w ∝ exp(s) = E_j·F_i, with E_j = exp(α·log q_j) ≤ 1 and F_i = exp((1−α)·log q_i − c_i) ≤ 1, c_i the row maximum
 * of (1−α)·log q_i, so LSE(s) = log Σ_k E_k F_k + c_i. A cohort of K then takes 2K exponentials per logit instead of
 * K(K−1), and a pair costs products, a sum and one log per row; it pays from K = 3. In the KL branch w = p_j takes
 * none. A row whose factored sum falls below 1e-250 (extreme logits: the factors underflow though the shifted
 * exponentials would not), or is NaN, is computed in log space by {@link RenyiDivergence#sample}.
 */
final class FactoredPairs {
    private static final double SMALLEST_SUM = 1e-250;

    private final RenyiDivergence div;
    private final int classes;
    private final double[][] logQ; // per peer: tempered log softmax
    private final double[][] q; // per peer: softmax, exp(logQ)
    private final double[][] e; // per peer: E_j, made on first use
    private final double[][] f; // per peer: F_j
    private final double[][] shifts; // per peer: c_j, one per row

    FactoredPairs(RenyiDivergence div, int classes, double[][] logQ, double[][] q) {
        if (div.clampParity()) {
            throw new IllegalArgumentException("the factored Rényi terms do not take the clamp");
        }
        this.div = div;
        this.classes = classes;
        this.logQ = logQ;
        this.q = q;
        this.e = new double[logQ.length][];
        this.f = new double[logQ.length][];
        this.shifts = new double[logQ.length][];
    }

    /**
     * {@code Σ_{j≠i} Σ_rows T²·D_α(p_j ‖ q_i)}, adding each pair's T·∂D/∂b = T·(q_i − w_ij) into {@code grad} as
     * {@link RenyiDivergence#sample} does; {@code w} is scratch of length classes.
     */
    double addStudentTerms(int i, boolean kl, double[] w, double[] grad) {
        double t = div.temperature();
        double[] lq = logQ[i];
        double[] qi = q[i];
        double scaled = 0; // Σ D over the factored rows, times T² at the end
        double logSpace = 0; // rows computed by RenyiDivergence.sample, T² included
        for (int j = 0; j < logQ.length; j++) {
            if (j == i) {
                continue;
            }
            double[] lp = logQ[j];
            double[] qj = q[j];
            if (kl) { // D = Σ p (log p − log q), w = p
                for (int x = 0; x < lq.length; x++) {
                    if (qj[x] > 0) {
                        scaled += qj[x] * (lp[x] - lq[x]);
                    }
                    grad[x] += t * (qi[x] - qj[x]);
                }
                continue;
            }
            factor(i);
            factor(j);
            double[] ej = e[j];
            double[] fi = f[i];
            double[] ci = shifts[i];
            double lseScale = 1 / (div.alpha() - 1);
            for (int off = 0, r = 0; off < lq.length; off += classes, r++) {
                double sum = 0;
                for (int k = off; k < off + classes; k++) {
                    sum += ej[k] * fi[k];
                }
                if (!(sum >= SMALLEST_SUM)) {
                    logSpace += div.sample(lp, off, lq, qi, off, classes, w, false, grad, off, 1);
                    continue;
                }
                scaled += (Math.log(sum) + ci[r]) * lseScale;
                double toW = t / sum;
                for (int k = off; k < off + classes; k++) {
                    grad[k] += t * qi[k] - toW * ej[k] * fi[k];
                }
            }
        }
        return t * t * scaled + logSpace;
    }

    /** E_j and F_j with its row shifts, made on first use. */
    private void factor(int j) {
        if (e[j] != null) {
            return;
        }
        double alpha = div.alpha();
        double[] lq = logQ[j];
        double[] ej = new double[lq.length];
        double[] fj = new double[lq.length];
        double[] cj = new double[lq.length / classes];
        for (int off = 0, r = 0; off < lq.length; off += classes, r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = off; k < off + classes; k++) {
                ej[k] = Math.exp(alpha * lq[k]);
                fj[k] = (1 - alpha) * lq[k];
                max = Math.max(max, fj[k]);
            }
            for (int k = off; k < off + classes; k++) {
                fj[k] = Math.exp(fj[k] - max);
            }
            cj[r] = max;
        }
        e[j] = ej;
        f[j] = fj;
        shifts[j] = cj;
    }
}
