package org.equitrain.sensitivity.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.Var;
import org.equitrain.autodiff.perexample.OutputJacobians;
import org.equitrain.data.Rows;
import org.equitrain.sensitivity.PredictionCovariance;
import org.equitrain.tensor.Tensor;

/**
 * Per-example MPE sensitivities of a softmax network (spec §2 "Error × variance", Eq. 12–16, §3 "Scores"): with
 * e_i = p_i − onehot(y_i) and V_i = J_i S⁻¹ J_iᵀ, the estimated LOO logit shift Δf_i ≈ V_i e_i (full K×K by
 * default, or the diagonal-only variant), the estimated LOO NLL mean_i −log softmax(f_i + Δf_i)[y_i] (Eq. 15),
 * its restriction to a class (LOCO, Eq. 16) or a protected group, and the scores. Computed in minibatches on the
 * {@link Classifier.JacobianGraph} (no weight gradients): V_i e_i without forming V_i where the posterior allows it
 * ({@link PosteriorCovariance#covarianceProducts}; two backward passes for a diagonal posterior on a dense network),
 * otherwise K backward passes per batch plus O(K²) per example.
 */
public final class NetworkSensitivity {
    private final int n;
    private final int k;
    private final int[] y;
    private final double[] logits;
    private final double[] shifts;
    private final double[] probabilityDeviations;
    private final double[] logitDeviations;
    private final double[] trainingNll;
    private final double[] looNll;

    private NetworkSensitivity(int n, int k, int[] y) {
        this.n = n;
        this.k = k;
        this.y = y.clone();
        this.logits = new double[n * k];
        this.shifts = new double[n * k];
        this.probabilityDeviations = new double[n];
        this.logitDeviations = new double[n];
        this.trainingNll = new double[n];
        this.looNll = new double[n];
    }

    /**
     * Sensitivities of every row of {@code x} [N ≥ 1, ...] with labels {@code y} under {@code posterior}, in passes of
     * {@code batchSize ≥ 1} rows.
     */
    public static NetworkSensitivity compute(Classifier model, Tensor x, int[] y, PosteriorCovariance posterior,
            PredictionCovariance covariance, int batchSize) {
        if (y.length != x.dim(0)) {
            throw new IllegalArgumentException("sensitivity: " + y.length + " labels for " + x.dim(0) + " rows");
        }
        if (y.length == 0) {
            throw new IllegalArgumentException("sensitivity: no rows to compute sensitivities of");
        }
        Classifier.checkBatchSize(batchSize);
        NetworkSensitivity s = null;
        for (int start = 0; start < y.length; start += batchSize) {
            int end = Math.min(y.length, start + batchSize);
            int[] idx = Rows.range(start, end);
            Classifier.JacobianGraph g = model.jacobianGraph(Classifier.rows(x, idx));
            Var f = g.logits();
            if (s == null) {
                s = new NetworkSensitivity(y.length, f.dim(1), y);
            }
            double[] fv = f.value().toDoubleArray();
            s.fill(start, fv, shifts(posterior, covariance, g, s.errors(start, fv)), covariance);
        }
        return s;
    }

    /**
     * MPE Eq. (13) for the rows of {@code g}: Δf_i ≈ V_i e_i (full; without forming V_i where the posterior allows
     * it), or Δf_ik ≈ V_i[k,k] e_ik (diagonal), for the errors e [B·K].
     */
    private static double[] shifts(PosteriorCovariance posterior, PredictionCovariance covariance,
            Classifier.JacobianGraph g, double[] e) {
        Var f = g.logits();
        int rows = f.dim(0);
        int k = f.dim(1);
        if (covariance == PredictionCovariance.FULL) {
            return posterior.covarianceProducts(f, g.params(), Tensor.wrap(e, rows, k)).doubles();
        }
        double[] v = posterior.predictionCovariances(f, g.params()).doubles();
        double[] shifts = new double[e.length];
        for (int r = 0; r < rows; r++) {
            double[] vr = java.util.Arrays.copyOfRange(v, r * k * k, (r + 1) * k * k);
            double[] er = java.util.Arrays.copyOfRange(e, r * k, (r + 1) * k);
            System.arraycopy(covariance.logitShift(vr, er), 0, shifts, r * k, k);
        }
        return shifts;
    }

    /** e_i = p_i − onehot(y_i) for the rows of logits {@code f} starting at example {@code start}. */
    private double[] errors(int start, double[] f) {
        double[] e = new double[f.length];
        for (int r = 0; r < f.length / k; r++) {
            checkLabel(start + r);
            double[] p = softmax(java.util.Arrays.copyOfRange(f, r * k, (r + 1) * k));
            p[y[start + r]] -= 1;
            System.arraycopy(p, 0, e, r * k, k);
        }
        return e;
    }

    private void fill(int start, double[] f, double[] shifts, PredictionCovariance covariance) {
        int rows = f.length / k;
        for (int r = 0; r < rows; r++) {
            int i = start + r;
            double[] fi = java.util.Arrays.copyOfRange(f, r * k, (r + 1) * k);
            double[] shift = java.util.Arrays.copyOfRange(shifts, r * k, (r + 1) * k);
            double norm = 0;
            double[] perturbed = new double[k];
            for (int c = 0; c < k; c++) {
                logits[i * k + c] = fi[c];
                this.shifts[i * k + c] = shift[c];
                norm += shift[c] * shift[c];
                perturbed[c] = fi[c] + shift[c];
            }
            logitDeviations[i] = Math.sqrt(norm);
            probabilityDeviations[i] = covariance.probabilityDeviationOfShift(shift, softmax(fi));
            trainingNll[i] = nll(fi, y[i]);
            looNll[i] = nll(perturbed, y[i]); // MPE Eq. (15), one term
        }
    }

    /** Number of training examples N. */
    public int size() {
        return n;
    }

    /** Number of classes K. */
    public int classes() {
        return k;
    }

    /** Logits f_i (length K). */
    public double[] logits(int i) {
        return java.util.Arrays.copyOfRange(logits, i * k, (i + 1) * k);
    }

    /** The estimated LOO logit shift f_i(θ^{\i}) − f_i(θ) ≈ V_i e_i (length K). */
    public double[] logitShift(int i) {
        return java.util.Arrays.copyOfRange(shifts, i * k, (i + 1) * k);
    }

    /** The estimated probability change Σ_k |softmax(f_i + Δf_i)_k − softmax(f_i)_k| on removing i. */
    public double perturbedProbabilityChange(int i) {
        double[] f = logits(i);
        double[] g = f.clone();
        for (int c = 0; c < k; c++) {
            g[c] += shifts[i * k + c];
        }
        return probabilityChange(f, g);
    }

    /** Scores: Σ_k |(Λ_i V_i e_i)_k| (full) or Σ_k |p_ik(1 − p_ik) V_i[k,k] e_ik| (diagonal) (spec §3). */
    public double[] probabilityDeviations() {
        return probabilityDeviations.clone();
    }

    /** Scores: ‖V_i e_i‖, the logit deviation. */
    public double[] logitDeviations() {
        return logitDeviations.clone();
    }

    /** −log softmax(f_i)[y_i] per example. */
    public double[] trainingNllTerms() {
        return trainingNll.clone();
    }

    /** −log softmax(f_i + V_i e_i)[y_i] per example. */
    public double[] looNllTerms() {
        return looNll.clone();
    }

    /** Mean of {@link #trainingNllTerms()}: the training NLL. */
    public double trainingNll() {
        return mean(trainingNll, null);
    }

    /** MPE Eq. (15) as a mean over training examples: the LOO estimate of the NLL. */
    public double looNll() {
        return mean(looNll, null);
    }

    /** Eq. (15) restricted to {@code rows}: leave-protected-group-out (a), or LOCO (Eq. 16) for a class. */
    public double looNll(int[] rows) {
        return mean(looNll, rows);
    }

    /** LOCO (Eq. 16) for every class: the LOO terms averaged over the examples of class c (NaN when absent). */
    public double[] leaveClassOutNll() {
        double[] sum = new double[k];
        int[] count = new int[k];
        for (int i = 0; i < n; i++) {
            sum[y[i]] += looNll[i];
            count[y[i]]++;
        }
        for (int c = 0; c < k; c++) {
            sum[c] = count[c] == 0 ? Double.NaN : sum[c] / count[c];
        }
        return sum;
    }

    /** The effect of removing a group (leave-protected-group-out (b), spec §2). */
    public record GroupRemoval(String group, int size, double parameterStepNorm, double[] probabilityChanges) {
        /** Mean Σ_k |Δp_k| over the listed rows (all rows when null). */
        public double meanChange(int[] rows) {
            return mean(probabilityChanges, rows);
        }
    }

    /**
     * Leave-group-out (b): Δθ_G = S⁻¹ Σ_{j∈G} ∇ℓ_j (MPE Eq. 10), then Δf_k ≈ J_k Δθ_G for every row of {@code x},
     * reported as Σ_c |softmax(f_k + Δf_k)_c − softmax(f_k)_c| per row: which group's removal moves the model most.
     */
    public static GroupRemoval removeGroup(String name, int[] group, Classifier model, Tensor x, int[] y,
            PosteriorCovariance posterior, int batchSize) {
        Map<String, Tensor> step = parameterStep(group, model, x, y, posterior, batchSize); // checks both
        double norm = 0;
        for (Tensor t : step.values()) {
            for (int j = 0; j < t.size(); j++) {
                norm += t.getFlat(j) * t.getFlat(j);
            }
        }
        int rows = x.dim(0);
        double[] changes = new double[rows];
        for (int start = 0; start < rows; start += batchSize) {
            int[] idx = Rows.range(start, Math.min(rows, start + batchSize));
            Classifier.JacobianGraph g = model.jacobianGraph(Classifier.rows(x, idx));
            Var f = g.logits();
            int kk = f.dim(1);
            double[] df = OutputJacobians.of(f, g.params()).products(step).doubles();
            double[] fv = f.value().toDoubleArray();
            for (int r = 0; r < idx.length; r++) {
                double[] a = java.util.Arrays.copyOfRange(fv, r * kk, (r + 1) * kk);
                double[] b = a.clone();
                for (int c = 0; c < kk; c++) {
                    b[c] += df[r * kk + c];
                }
                changes[start + r] = probabilityChange(a, b);
            }
        }
        return new GroupRemoval(name, group.length, Math.sqrt(norm), changes);
    }

    /**
     * MPE Eq. (10), practical form: Δθ_G ≈ S⁻¹ Σ_{j∈G} ∇ℓ_j(m), the parameter step of removing the rows
     * {@code group}; for one example this is the score "parameter step" σ² ⊙ J_iᵀ e_i of spec §3 (diagonal S).
     */
    public static Map<String, Tensor> parameterStep(int[] group, Classifier model, Tensor x, int[] y,
            PosteriorCovariance posterior, int batchSize) {
        Classifier.checkBatchSize(batchSize);
        if (group.length == 0) {
            throw new IllegalArgumentException("sensitivity: the removed group has no rows");
        }
        List<String> names = model.params().names();
        Map<String, double[]> sum = new LinkedHashMap<>();
        for (int start = 0; start < group.length; start += batchSize) {
            int[] idx = java.util.Arrays.copyOfRange(group, start, Math.min(group.length, start + batchSize));
            List<Tensor> g = model.sumLossGradients(Classifier.rows(x, idx), Classifier.labels(y, idx));
            for (int p = 0; p < names.size(); p++) {
                double[] gv = g.get(p).toDoubleArray();
                double[] acc = sum.putIfAbsent(names.get(p), gv);
                if (acc != null) {
                    for (int j = 0; j < acc.length; j++) {
                        acc[j] += gv[j];
                    }
                }
            }
        }
        Map<String, Tensor> gradient = new LinkedHashMap<>();
        for (String p : names) {
            gradient.put(p, Tensor.wrap(sum.get(p), model.params().get(p).shape()));
        }
        return posterior.solve(gradient);
    }

    /** Σ_c |softmax(b)_c − softmax(a)_c|. */
    public static double probabilityChange(double[] a, double[] b) {
        double[] pa = softmax(a);
        double[] pb = softmax(b);
        double s = 0;
        for (int c = 0; c < pa.length; c++) {
            s += Math.abs(pb[c] - pa[c]);
        }
        return s;
    }

    static double[] softmax(double[] f) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : f) {
            max = Math.max(max, v);
        }
        double z = 0;
        double[] p = new double[f.length];
        for (int c = 0; c < f.length; c++) {
            p[c] = Math.exp(f[c] - max);
            z += p[c];
        }
        for (int c = 0; c < f.length; c++) {
            p[c] /= z;
        }
        return p;
    }

    /** −log softmax(f)[label]. */
    static double nll(double[] f, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : f) {
            max = Math.max(max, v);
        }
        double z = 0;
        for (double v : f) {
            z += Math.exp(v - max);
        }
        return max + Math.log(z) - f[label];
    }

    private void checkLabel(int i) {
        if (y[i] < 0 || y[i] >= k) {
            throw new IllegalArgumentException("sensitivity: label " + y[i] + " of row " + i + " is outside 0.."
                    + (k - 1));
        }
    }

    private static double mean(double[] v, int[] rows) {
        double s = 0;
        if (rows == null) {
            for (double t : v) {
                s += t;
            }
            return s / v.length;
        }
        for (int i : rows) {
            s += v[i];
        }
        return s / rows.length;
    }

}
