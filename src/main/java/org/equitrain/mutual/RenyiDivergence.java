package org.equitrain.mutual;

import java.util.Arrays;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.RowSoftmax;

/**
 * The Rényi divergence {@code D_α(p ‖ q)} of order α between two categorical distributions given as logits: peer
 * logits {@code a} (p = softmax(a), the reference) and student logits {@code b} (q = softmax(b), the network being
 * trained), with its closed-form gradient with respect to the student logits. Everything is computed in float64 and
 * in log space (renyi-dml.md §3), so extreme logits neither overflow nor lose the divergence.
 *
 * <p>Immutable; options are set with the {@code with*} methods. Defaults: temperature 1, log-space form,
 * KL branch tolerance τ = 1e-6 for float64 logits and 1e-3 for float32 logits.
 */
public final class RenyiDivergence {
    /** The authors' probability floor for {@link #withClampParity} (renyi-dml.md §2). */
    public static final double CLAMP_EPS = 1e-8;
    private static final double LOG_CLAMP_EPS = Math.log(CLAMP_EPS);

    private final double alpha;
    private final double temperature;
    private final boolean clampParity;
    private final double klTolerance; // NaN: chosen by the logits' dtype

    private RenyiDivergence(double alpha, double temperature, boolean clampParity, double klTolerance) {
        this.alpha = alpha;
        this.temperature = temperature;
        this.clampParity = clampParity;
        this.klTolerance = klTolerance;
    }

    /** The divergence of order {@code alpha ≥ 0}; α = 0 gives the zero divergence (independent training). */
    public static RenyiDivergence of(double alpha) {
        return new RenyiDivergence(checkAlpha(alpha), 1.0, false, Double.NaN);
    }

    static double checkAlpha(double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("Rényi order alpha must be finite and >= 0 (0 disables the mutual"
                    + " term), got " + alpha);
        }
        return alpha;
    }

    /**
     * Softened distributions: {@code T²·D_α(softmax(a/T) ‖ softmax(b/T))}, gradient {@code T·(q_T − w_T)}
     * (renyi-dml.md §3; the T² scaling of {@code yukiharada1228/deep-mutual-learning}).
     */
    public RenyiDivergence withTemperature(double t) {
        if (!(t > 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("temperature must be finite and > 0, got " + t);
        }
        return new RenyiDivergence(alpha, t, clampParity, klTolerance);
    }

    /**
     * Reproduces the authors' code: p and q clamped to [1e-8, 1] without renormalising before the formula;
     * clamped student probabilities get no gradient (renyi-dml.md §3, {@code parklize/rdml} {@code RenyiLoss}).
     */
    public RenyiDivergence withClampParity(boolean on) {
        return new RenyiDivergence(alpha, temperature, on, klTolerance);
    }

    /** Overrides the KL-branch tolerance τ: the KL form is used when |α − 1| &lt; τ. */
    public RenyiDivergence withKlTolerance(double tau) {
        if (!(tau >= 0)) {
            throw new IllegalArgumentException("KL tolerance must be >= 0, got " + tau);
        }
        return new RenyiDivergence(alpha, temperature, clampParity, tau);
    }

    /** The same options with another order α. */
    public RenyiDivergence withAlpha(double newAlpha) {
        return new RenyiDivergence(checkAlpha(newAlpha), temperature, clampParity, klTolerance);
    }

    /** The order α ≥ 0. */
    public double alpha() {
        return alpha;
    }

    /** The temperature T &gt; 0 (default 1). */
    public double temperature() {
        return temperature;
    }

    /** Whether the authors' probability clamp is reproduced (default false). */
    public boolean clampParity() {
        return clampParity;
    }

    /** τ for logits of {@code dtype}: 1e-6 in float64, 1e-3 in float32 (renyi-dml.md §3), unless overridden. */
    public double klTolerance(DType dtype) {
        if (!Double.isNaN(klTolerance)) {
            return klTolerance;
        }
        return dtype == DType.FLOAT32 ? 1e-3 : 1e-6;
    }

    /** Whether logits of {@code dtype} are handled by the KL form. */
    public boolean usesKlBranch(DType dtype) {
        return Math.abs(alpha - 1) < klTolerance(dtype);
    }

    /** {@code D_α(softmax(a) ‖ softmax(b))} for one sample of float64 logits. */
    public double divergence(double[] peerLogits, double[] studentLogits) {
        requireSameLength(peerLogits, studentLogits);
        return rows(peerLogits, studentLogits, peerLogits.length, null, DType.FLOAT64)[0];
    }

    /** {@code ∂D_α(p ‖ q)/∂b = q − w(α)} for one sample of float64 logits (renyi-dml.md §1). */
    public double[] gradient(double[] peerLogits, double[] studentLogits) {
        requireSameLength(peerLogits, studentLogits);
        double[] g = new double[studentLogits.length];
        rows(peerLogits, studentLogits, studentLogits.length, g, DType.FLOAT64);
        return g;
    }

    private static void requireSameLength(double[] a, double[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("Rényi divergence: peer has " + a.length + " logits, student has "
                    + b.length + " (need the same number of classes, at least 1)");
        }
    }

    /**
     * Per-sample divergences of row-major {@code [B, classes]} logits. When {@code grad} is non-null the gradient
     * with respect to the student logits is written into it (same layout). {@code dtype} is the logits' original
     * element type, which picks τ.
     */
    public double[] rows(double[] peer, double[] student, int classes, double[] grad, DType dtype) {
        if (peer.length != student.length || classes <= 0 || student.length % classes != 0) {
            throw new IllegalArgumentException("Rényi divergence: peer logits of length " + peer.length
                    + " and student logits of length " + student.length + " are not both [batch, " + classes + "]");
        }
        int batch = student.length / classes;
        double[] out = new double[batch];
        if (alpha == 0) { // D_0 ≡ 0 for full-support softmax outputs (renyi-dml.md §3)
            if (grad != null) {
                Arrays.fill(grad, 0, student.length, 0.0);
            }
            return out;
        }
        boolean kl = usesKlBranch(dtype);
        double[] lp = new double[classes];
        double[] lq = new double[classes];
        double[] q = new double[classes];
        double[] w = new double[classes];
        if (grad != null) {
            Arrays.fill(grad, 0, student.length, 0.0);
        }
        for (int r = 0; r < batch; r++) {
            int off = r * classes;
            RowSoftmax.logSoftmax(peer, off, classes, temperature, lp, 0);
            floorUnderClamp(lp, 0, classes);
            RowSoftmax.logSoftmax(student, off, classes, temperature, lq, 0, q);
            out[r] = sample(lp, 0, lq, q, 0, classes, w, kl, grad, off, 1);
        }
        return out;
    }

    /**
     * One sample: {@code lp[lpOff..]} is log p (tempered, floored under the clamp), {@code lq[off..]} log q
     * (tempered) and {@code q[off..]} = softmax, exp(lq); w is scratch for the weights. Returns T²·D and adds
     * {@code scale}·T·∂D/∂(b/T) into {@code grad[gradOff..]} when grad is non-null.
     */
    double sample(double[] lp, int lpOff, double[] lq, double[] q, int off, int m, double[] w, boolean kl,
            double[] grad, int gradOff, double scale) {
        double d;
        if (kl) {
            // KL branch: D = Σ exp(lp)(lp − lq), w = exp(lp)
            d = 0;
            for (int k = 0; k < m; k++) {
                w[k] = Math.exp(lp[lpOff + k]);
                if (w[k] > 0) {
                    d += w[k] * (lp[lpOff + k] - clampedLogQ(lq[off + k]));
                }
            }
        } else {
            // s = α·lp + (1−α)·lq, D = LSE(s)/(α − 1), w = softmax(s)
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < m; k++) {
                w[k] = alpha * lp[lpOff + k] + (1 - alpha) * clampedLogQ(lq[off + k]);
                max = Math.max(max, w[k]);
            }
            double sum = 0;
            for (int k = 0; k < m; k++) {
                w[k] = Math.exp(w[k] - max);
                sum += w[k];
            }
            d = (max + Math.log(sum)) / (alpha - 1);
            for (int k = 0; k < m; k++) {
                w[k] /= sum;
            }
        }
        if (grad != null) {
            addGradient(lq, q, off, w, m, grad, gradOff, scale);
        }
        return temperature * temperature * d;
    }

    private double clampedLogQ(double lq) {
        return clampParity ? Math.max(lq, LOG_CLAMP_EPS) : lq;
    }

    /**
     * Adds {@code scale}·∂D/∂b = scale·T·(q − w) (renyi-dml.md §1); with the clamp, entries with q &lt; 1e-8 pass no
     * gradient, which gives q_k·Σ_{m unclamped} w_m − w_k·[k unclamped] (derived from the chain rule through softmax).
     */
    private void addGradient(double[] lq, double[] q, int off, double[] w, int m, double[] grad, int gradOff,
            double scale) {
        double s = scale * temperature; // T²·(1/T) from D·T² and the inner b/T
        if (!clampParity) {
            for (int k = 0; k < m; k++) {
                grad[gradOff + k] += s * (q[off + k] - w[k]);
            }
            return;
        }
        double passed = 0;
        for (int k = 0; k < m; k++) {
            if (lq[off + k] >= LOG_CLAMP_EPS) {
                passed += w[k];
            }
        }
        for (int k = 0; k < m; k++) {
            double own = lq[off + k] >= LOG_CLAMP_EPS ? w[k] : 0;
            grad[gradOff + k] += s * (q[off + k] * passed - own);
        }
    }

    /** Row-wise tempered log-probabilities {@code log softmax(x/T)}, floored at log 1e-8 under the clamp. */
    double[] logProbs(double[] logits, int classes) {
        double[] out = temperedLogSoftmax(logits, classes, null);
        floorUnderClamp(out, 0, out.length);
        return out;
    }

    /**
     * Row-wise {@code log softmax(x/T)} of row-major {@code [B, classes]} logits, never floored; when {@code probs}
     * is non-null, softmax(x/T) itself is written into it.
     */
    double[] temperedLogSoftmax(double[] logits, int classes, double[] probs) {
        double[] out = new double[logits.length];
        for (int off = 0; off < logits.length; off += classes) {
            RowSoftmax.logSoftmax(logits, off, classes, temperature, out, off, probs);
        }
        return out;
    }

    /** The authors' clamp on the peer side: log p ← max(log p, log 1e-8) (renyi-dml.md §3); a no-op otherwise. */
    void floorUnderClamp(double[] lp, int off, int len) {
        if (clampParity) {
            for (int k = off; k < off + len; k++) {
                lp[k] = Math.max(lp[k], LOG_CLAMP_EPS);
            }
        }
    }

    static double logClampEps() {
        return LOG_CLAMP_EPS;
    }

    @Override
    public String toString() {
        return "RenyiDivergence(alpha=" + alpha + ", T=" + temperature + (clampParity ? ", clampParity" : "") + ")";
    }
}
