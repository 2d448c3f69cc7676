package org.equitrain.sensitivity;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;

/**
 * Multinomial logistic (softmax) regression with a Gaussian prior N(0, δ⁻¹I), fitted by Newton's method, with its
 * full-Hessian Laplace posterior and the multiclass MPE estimates (spec §2 "Error × variance", Eq. 12–16).
 *
 * <p>Parameters θ = W (K×d, row-major: θ[k·d + j] = W_kj, so P = K·d), logits f_i = W x_i, L(θ) = Σ_i ℓ_i +
 * δ‖θ‖²/2 with ℓ_i = −log softmax(f_i)[y_i]. At the optimum: e_i = p_i − onehot(y_i), Λ_i = diag(p_i) − p_i p_iᵀ,
 * H = Σ_i J_iᵀ Λ_i J_i + δI with J_i = ∂f_i/∂θ = I_K ⊗ x_iᵀ, and V_i = J_i H⁻¹ J_iᵀ (K×K). Every class has its own
 * weight vector, so a common shift of all logits is constrained by the prior alone; that is what the
 * {@link PredictionCovariance#DIAGONAL} variant gets wrong. {@link #refitWithout} is the brute-force oracle.
 */
public final class SoftmaxLaplace {
    private static final BLAS BLAS_IMPL = BLAS.getInstance();

    private final DesignMatrix x;
    private final int[] y;
    private final int classes;
    private final double delta;
    private final double[] theta;
    private final double[][] logits;
    private final double[][] probabilities;
    private final double[][] errors;
    private final Cholesky hessian;
    private final double[][] covariances;

    private SoftmaxLaplace(DesignMatrix x, int[] y, int classes, double delta, double[] theta) {
        this.x = x;
        this.y = y;
        this.classes = classes;
        this.delta = delta;
        this.theta = theta;
        int n = x.rows();
        double[] f = logitMatrix(x, theta, classes);
        this.logits = new double[n][];
        this.probabilities = new double[n][];
        this.errors = new double[n][];
        for (int i = 0; i < n; i++) {
            logits[i] = Arrays.copyOfRange(f, i * classes, (i + 1) * classes);
            probabilities[i] = softmax(logits[i]);
            errors[i] = probabilities[i].clone();
            errors[i][y[i]] -= 1;
        }
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        this.hessian = Cholesky.factor(hessianMatrix(x, classes, probabilities, ones, delta), classes * x.cols());
        this.covariances = predictionCovariances(x, classes, hessian);
    }

    /** Fits the model with labels y_i ∈ {0, …, classes − 1} and prior precision δ &gt; 0. */
    public static SoftmaxLaplace fit(DesignMatrix x, int[] y, int classes, double delta) {
        if (y.length != x.rows()) {
            throw new IllegalArgumentException("softmax: " + y.length + " labels for " + x.rows() + " rows");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("softmax: needs at least 2 classes, got " + classes);
        }
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("softmax: prior precision δ must be finite and > 0, got " + delta);
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("softmax: label of row " + i + " is " + y[i] + ", outside 0.."
                        + (classes - 1));
            }
        }
        double[] ones = new double[y.length];
        Arrays.fill(ones, 1.0);
        double[] theta = NewtonMinimizer.minimize(new Objective(x, y.clone(), classes, ones, delta),
                new double[classes * x.cols()], "softmax regression");
        return new SoftmaxLaplace(x, y.clone(), classes, delta, theta);
    }

    /** Number of classes K. */
    public int classes() {
        return classes;
    }

    /** The design X the model was fitted on. */
    public DesignMatrix design() {
        return x;
    }

    /** θ* = W (K×d, row-major). */
    public double[] parameters() {
        return theta.clone();
    }

    /** f_i = W x_i for every training row (N×K). */
    public double[][] logits() {
        return deepCopy(logits);
    }

    /** f_i = W x_i for every training row, at other parameters (e.g. a refit). */
    public double[][] logits(double[] parameters) {
        double[] f = logitMatrix(x, parameters, classes);
        double[][] out = new double[x.rows()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOfRange(f, i * classes, (i + 1) * classes);
        }
        return out;
    }

    /** p_i = softmax(f_i). */
    public double[][] probabilities() {
        return deepCopy(probabilities);
    }

    /** e_i = p_i − onehot(y_i). */
    public double[][] errors() {
        return deepCopy(errors);
    }

    /** V_i = J_i H⁻¹ J_iᵀ per example, each a row-major K×K array. */
    public double[][] predictionCovariances() {
        return deepCopy(covariances);
    }

    /** The Cholesky factor of H = Σ J_iᵀ Λ_i J_i + δI. */
    public Cholesky hessian() {
        return hessian;
    }

    /** MPE Eq. (12)–(14), full V (the default): Δf_i ≈ V_i e_i. */
    public double[][] estimatedLogitShifts() {
        return estimatedLogitShifts(PredictionCovariance.FULL);
    }

    /** Δf_i ≈ V_i e_i ({@code FULL}) or V_i[k,k] e_ik ({@code DIAGONAL}). */
    public double[][] estimatedLogitShifts(PredictionCovariance covariance) {
        double[][] s = new double[errors.length][];
        for (int i = 0; i < s.length; i++) {
            s[i] = covariance.logitShift(covariances[i], errors[i]);
        }
        return s;
    }

    /** Per-example probability deviations (spec §3 "Scores"), with the full or the paper's diagonal form. */
    public double[] probabilityDeviations(PredictionCovariance covariance) {
        double[] s = new double[errors.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = covariance.probabilityDeviation(covariances[i], errors[i], probabilities[i]);
        }
        return s;
    }

    /** −log softmax(f_i)[y_i] per example. */
    public double[] trainingNllTerms() {
        return looNllTerms(new double[logits.length][classes]);
    }

    /** Mean of {@link #trainingNllTerms()}: the training NLL at the fitted θ, without the prior term. */
    public double trainingNll() {
        return mean(trainingNllTerms());
    }

    /** −log softmax(f_i + Δf_i)[y_i] per example (MPE Eq. 15 before averaging). */
    public double[] looNllTerms(double[][] logitShifts) {
        if (logitShifts.length != logits.length) {
            throw new IllegalArgumentException("softmax: " + logitShifts.length + " logit shifts for "
                    + logits.length + " rows");
        }
        double[] t = new double[logits.length];
        double[] shifted = new double[classes];
        for (int i = 0; i < t.length; i++) {
            for (int c = 0; c < classes; c++) {
                shifted[c] = logits[i][c] + logitShifts[i][c];
            }
            t[i] = logSumExp(shifted) - shifted[y[i]];
        }
        return t;
    }

    /** MPE Eq. (15), reported as a mean: LOO NLL ≈ mean_i −log softmax(f_i + Δf_i)[y_i]. */
    public double looNll(double[][] logitShifts) {
        return mean(looNllTerms(logitShifts));
    }

    /** Leave-protected-group-out (b): Δθ_G = H⁻¹ Σ_{j∈G} J_jᵀ e_j (MPE Eq. 10), G distinct rows. */
    public double[] groupParameterStep(int[] group) {
        x.checkGroup(group);
        double[] e = new double[x.rows() * classes];
        for (int j : group) {
            for (int c = 0; c < classes; c++) {
                e[x.checkRow(j) * classes + c] += errors[j][c];
            }
        }
        return hessian.solve(lossGradient(x, e, classes));
    }

    /** Leave-protected-group-out (b): Δf_k ≈ J_k Δθ_G for every training row k. */
    public double[][] groupLogitShifts(int[] group) {
        return logits(groupParameterStep(group));
    }

    /** Brute-force oracle: θ^{\M}, refitted by Newton's method warm-started from θ*. */
    public double[] refitWithout(int... removed) {
        double[] w = new double[x.rows()];
        Arrays.fill(w, 1.0);
        for (int i : removed) {
            w[x.checkRow(i)] = 0;
        }
        return NewtonMinimizer.minimize(new Objective(x, y, classes, w, delta), theta,
                "softmax regression without " + removed.length + " rows");
    }

    /** Brute-force oracle: f_i(θ^{\i}) − f_i(θ*) for every row, by N warm-started refits. */
    public double[][] bruteForceLooLogitShifts() {
        int[] all = new int[x.rows()];
        Arrays.setAll(all, i -> i);
        return bruteForceLooLogitShifts(all);
    }

    /** Brute-force oracle for the listed rows only, in their order. */
    public double[][] bruteForceLooLogitShifts(int[] examples) {
        int d = x.cols();
        double[][] s = new double[examples.length][classes];
        for (int k = 0; k < examples.length; k++) {
            int i = examples[k];
            double[] refit = refitWithout(i);
            for (int c = 0; c < classes; c++) {
                double f = 0;
                for (int j = 0; j < d; j++) {
                    f += refit[c * d + j] * x.get(i, j);
                }
                s[k][c] = f - logits[i][c];
            }
        }
        return s;
    }

    /** F (N×K, row-major) = X Wᵀ. */
    private static double[] logitMatrix(DesignMatrix x, double[] w, int classes) {
        int n = x.rows();
        int d = x.cols();
        double[] f = new double[n * classes];
        // Column-major: Fᵀ (K×N) = W (K×d) · Xᵀ (d×N); W is stored as its column-major d×K transpose.
        BLAS_IMPL.dgemm("T", "N", classes, n, d, 1.0, w, d, x.values(), d, 0.0, f, classes);
        return f;
    }

    /** ∂/∂W of Σ_i e_iᵀ f_i: G (K×d, row-major) = Eᵀ X for a row-major N×K matrix E. */
    private static double[] lossGradient(DesignMatrix x, double[] e, int classes) {
        int n = x.rows();
        int d = x.cols();
        double[] g = new double[classes * d];
        // Column-major: Gᵀ (d×K) = Xᵀ (d×N) · E (N×K); E is stored as its column-major K×N transpose.
        BLAS_IMPL.dgemm("N", "T", d, classes, n, 1.0, x.values(), d, e, classes, 0.0, g, d);
        return g;
    }

    /** H = Σ_i w_i J_iᵀ Λ_i J_i + δI: block (k, k') = Σ_i w_i Λ_i[k,k'] x_i x_iᵀ. */
    private static double[] hessianMatrix(DesignMatrix x, int classes, double[][] p, double[] weights, double delta) {
        int n = x.rows();
        int d = x.cols();
        int dim = classes * d;
        double[] h = new double[dim * dim];
        double[] lambda = new double[n];
        for (int k = 0; k < classes; k++) {
            for (int k2 = k; k2 < classes; k2++) {
                for (int i = 0; i < n; i++) {
                    lambda[i] = weights[i] * ((k == k2 ? p[i][k] : 0) - p[i][k] * p[i][k2]);
                }
                double[] block = x.weightedGram(lambda);
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        h[(k * d + a) * dim + k2 * d + b] = block[a * d + b];
                        h[(k2 * d + b) * dim + k * d + a] = block[a * d + b];
                    }
                }
            }
        }
        for (int q = 0; q < dim; q++) {
            h[q * dim + q] += delta;
        }
        return h;
    }

    /** V_i = J_i H⁻¹ J_iᵀ for all i at once: the K rows of J_i are x_iᵀ placed in block k of row k. */
    private static double[][] predictionCovariances(DesignMatrix x, int classes, Cholesky hessian) {
        int n = x.rows();
        int d = x.cols();
        int dim = classes * d;
        double[] jacobians = new double[n * classes * dim];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                System.arraycopy(x.values(), i * d, jacobians, (i * classes + c) * dim + c * d, d);
            }
        }
        double[] v = hessian.blockQuadraticForms(jacobians, n * classes, classes);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(v, i * classes * classes, (i + 1) * classes * classes);
        }
        return out;
    }

    static double[] softmax(double[] f) {
        double lse = logSumExp(f);
        double[] p = new double[f.length];
        for (int c = 0; c < f.length; c++) {
            p[c] = Math.exp(f[c] - lse);
        }
        return p;
    }

    static double logSumExp(double[] f) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : f) {
            m = Math.max(m, v);
        }
        double s = 0;
        for (double v : f) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }

    private static double mean(double[] t) {
        double s = 0;
        for (double v : t) {
            s += v;
        }
        return s / t.length;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    /** L(θ) = Σ_i w_i ℓ_i(θ) + δ‖θ‖²/2; weights 0 remove rows for the brute-force refits. */
    private record Objective(DesignMatrix x, int[] y, int classes, double[] weights, double delta)
            implements ConvexObjective {

        @Override
        public int dimension() {
            return classes * x.cols();
        }

        @Override
        public double value(double[] theta) {
            double[] f = logitMatrix(x, theta, classes);
            double s = 0;
            double[] fi = new double[classes];
            for (int i = 0; i < x.rows(); i++) {
                if (weights[i] != 0) {
                    System.arraycopy(f, i * classes, fi, 0, classes);
                    s += weights[i] * (logSumExp(fi) - fi[y[i]]);
                }
            }
            for (double t : theta) {
                s += 0.5 * delta * t * t;
            }
            return s;
        }

        @Override
        public double[] gradientAndHessian(double[] theta, double[] gradient) {
            int n = x.rows();
            double[] f = logitMatrix(x, theta, classes);
            double[][] p = new double[n][];
            double[] e = new double[n * classes];
            for (int i = 0; i < n; i++) {
                p[i] = softmax(Arrays.copyOfRange(f, i * classes, (i + 1) * classes));
                for (int c = 0; c < classes; c++) {
                    e[i * classes + c] = weights[i] * (p[i][c] - (c == y[i] ? 1 : 0));
                }
            }
            double[] g = lossGradient(x, e, classes);
            for (int q = 0; q < g.length; q++) {
                gradient[q] = g[q] + delta * theta[q];
            }
            return hessianMatrix(x, classes, p, weights, delta);
        }
    }
}
