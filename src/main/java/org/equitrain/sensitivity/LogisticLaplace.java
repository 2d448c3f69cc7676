package org.equitrain.sensitivity;

import java.util.Arrays;

/**
 * Binary logistic regression with a Gaussian prior N(0, δ⁻¹I), fitted by Newton's method, with its full-Hessian
 * Laplace posterior N(θ*, H⁻¹) and the MPE sensitivities and LOO estimates it gives (spec §2 "Logistic / GLM").
 *
 * <p>Sum-of-losses convention (spec §1): L(θ) = Σ_i ℓ_i(θ) + δ‖θ‖²/2 with ℓ_i = −log p(y_i | σ(f_i)),
 * f_i = x_iᵀθ. At the optimum: p_i = σ(f_i), e_i = p_i − y_i, λ_i = p_i(1 − p_i), H = Σ_j λ_j x_j x_jᵀ + δI and
 * v_i = x_iᵀH⁻¹x_i. An intercept, if wanted, is a column of ones ({@link DesignMatrix#withInterceptColumn()}),
 * penalised like every other coefficient. {@link #refitWithout} and {@link #bruteForceLooLogitShifts} are the
 * brute-force oracle.
 */
public final class LogisticLaplace {
    private final DesignMatrix x;
    private final double[] y;
    private final double delta;
    private final double[] theta;
    private final double[] logits;
    private final double[] probabilities;
    private final double[] errors;
    private final double[] curvatures;
    private final Cholesky hessian;
    private final double[] variances;

    private LogisticLaplace(DesignMatrix x, double[] y, double delta, double[] theta) {
        this.x = x;
        this.y = y;
        this.delta = delta;
        this.theta = theta;
        int n = x.rows();
        this.logits = x.times(theta);
        this.probabilities = new double[n];
        this.errors = new double[n];
        this.curvatures = new double[n];
        for (int i = 0; i < n; i++) {
            probabilities[i] = sigmoid(logits[i]);
            errors[i] = probabilities[i] - y[i];
            curvatures[i] = probabilities[i] * (1 - probabilities[i]);
        }
        this.hessian = Cholesky.factor(hessianMatrix(x, curvatures, delta), x.cols());
        this.variances = hessian.quadraticForms(x.values(), n);
    }

    /** Fits the model on all rows of {@code x} with binary labels {@code y} (0 or 1) and prior precision δ &gt; 0. */
    public static LogisticLaplace fit(DesignMatrix x, int[] y, double delta) {
        if (y.length != x.rows()) {
            throw new IllegalArgumentException("logistic: " + y.length + " labels for " + x.rows() + " rows");
        }
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("logistic: prior precision δ must be finite and > 0, got " + delta);
        }
        double[] labels = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("logistic: label of row " + i + " is " + y[i] + ", not 0 or 1");
            }
            labels[i] = y[i];
        }
        double[] ones = new double[y.length];
        Arrays.fill(ones, 1.0);
        double[] theta = NewtonMinimizer.minimize(new Objective(x, labels, ones, delta), new double[x.cols()],
                "logistic regression");
        return new LogisticLaplace(x, labels, delta, theta);
    }

    /** The design X the model was fitted on. */
    public DesignMatrix design() {
        return x;
    }

    /** θ*. */
    public double[] parameters() {
        return theta.clone();
    }

    /** f_i = x_iᵀθ* for every training row. */
    public double[] logits() {
        return logits.clone();
    }

    /** f_i = x_iᵀθ for every training row, at other parameters (e.g. a refit). */
    public double[] logits(double[] parameters) {
        return x.times(parameters);
    }

    /** p_i = σ(f_i). */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** e_i = p_i − y_i, the prediction error. */
    public double[] errors() {
        return errors.clone();
    }

    /** λ_i = p_i(1 − p_i), the curvature of ℓ_i in f_i. */
    public double[] curvatures() {
        return curvatures.clone();
    }

    /** v_i = x_iᵀH⁻¹x_i, the prediction variance of f_i under the Laplace posterior. */
    public double[] variances() {
        return variances.clone();
    }

    /** The Cholesky factor of H = Σ λ_j x_j x_jᵀ + δI (the posterior precision S). */
    public Cholesky hessian() {
        return hessian;
    }

    /** MPE Eq. (12): Δf_i ≈ v_i e_i, the estimated f_i(θ^{\i}) − f_i(θ*). */
    public double[] estimatedLogitShifts() {
        double[] s = new double[errors.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = variances[i] * errors[i];
        }
        return s;
    }

    /** Refined Δf_i ≈ v_i e_i / (1 − λ_i v_i): Ŝ^{\i} = H − λ_i x_i x_iᵀ kept in MPE Eq. (10) (spec §2). */
    public double[] refinedLogitShifts() {
        double[] s = new double[errors.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = variances[i] * errors[i] / (1 - curvatures[i] * variances[i]);
        }
        return s;
    }

    /** Probability deviations |σ'(f_i) v_i e_i| = |λ_i v_i e_i|, the first-order change of p_i on removing i. */
    public double[] probabilityDeviations() {
        double[] s = new double[errors.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.abs(curvatures[i] * variances[i] * errors[i]);
        }
        return s;
    }

    /** −log p(y_i | σ(f_i)) per example. */
    public double[] trainingNllTerms() {
        return looNllTerms(new double[logits.length]);
    }

    /** mean_i −log p(y_i | σ(f_i)). */
    public double trainingNll() {
        return mean(trainingNllTerms());
    }

    /** −log p(y_i | σ(f_i + Δf_i)) per example (MPE Eq. 15 before averaging). */
    public double[] looNllTerms(double[] logitShifts) {
        if (logitShifts.length != logits.length) {
            throw new IllegalArgumentException("logistic: " + logitShifts.length + " logit shifts for "
                    + logits.length + " rows");
        }
        double[] t = new double[logits.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = negativeLogLikelihood(logits[i] + logitShifts[i], y[i]);
        }
        return t;
    }

    /** MPE Eq. (15), reported as a mean: LOO NLL ≈ mean_i −log p(y_i | σ(f_i + Δf_i)). */
    public double looNll(double[] logitShifts) {
        return mean(looNllTerms(logitShifts));
    }

    /**
     * Leave-protected-group-out (a), the cheap form: the LOO terms of Eq. (15) averaged over the rows of G only
     * (distinct, at least one).
     */
    public double looNll(double[] logitShifts, int[] group) {
        x.checkGroup(group);
        double[] t = looNllTerms(logitShifts);
        double s = 0;
        for (int i : group) {
            s += t[x.checkRow(i)];
        }
        return s / group.length;
    }

    /**
     * Leave-protected-group-out (b): Δθ_G = H⁻¹ Σ_{j∈G} ∇ℓ_j(θ*) = H⁻¹ Σ_{j∈G} x_j e_j (MPE Eq. 10), G distinct
     * rows.
     */
    public double[] groupParameterStep(int[] group) {
        x.checkGroup(group);
        double[] weightedErrors = new double[errors.length];
        for (int j : group) {
            weightedErrors[x.checkRow(j)] += errors[j];
        }
        return hessian.solve(x.transposeTimes(weightedErrors));
    }

    /** Leave-protected-group-out (b): Δf_k ≈ x_kᵀΔθ_G for every training row k, inside G or not. */
    public double[] groupLogitShifts(int[] group) {
        return x.times(groupParameterStep(group));
    }

    /** Brute-force oracle: θ^{\M}, refitted by Newton's method warm-started from θ*. */
    public double[] refitWithout(int... removed) {
        double[] w = new double[x.rows()];
        Arrays.fill(w, 1.0);
        for (int i : removed) {
            w[x.checkRow(i)] = 0;
        }
        return NewtonMinimizer.minimize(new Objective(x, y, w, delta), theta,
                "logistic regression without " + removed.length + " rows");
    }

    /** Brute-force oracle: f_i(θ^{\i}) − f_i(θ*) for every row, by N warm-started refits. */
    public double[] bruteForceLooLogitShifts() {
        int[] all = new int[x.rows()];
        Arrays.setAll(all, i -> i);
        return bruteForceLooLogitShifts(all);
    }

    /** Brute-force oracle for the listed rows only, in their order: f_i(θ^{\i}) − f_i(θ*). */
    public double[] bruteForceLooLogitShifts(int[] examples) {
        double[] s = new double[examples.length];
        for (int k = 0; k < examples.length; k++) {
            int i = examples[k];
            double[] refit = refitWithout(i);
            double fi = 0;
            for (int p = 0; p < refit.length; p++) {
                fi += x.get(i, p) * refit[p];
            }
            s[k] = fi - logits[i];
        }
        return s;
    }

    static double sigmoid(double f) {
        if (f >= 0) {
            return 1 / (1 + Math.exp(-f));
        }
        double e = Math.exp(f);
        return e / (1 + e);
    }

    /** −log p(y | σ(f)) = softplus(f) − y f, computed without overflow. */
    static double negativeLogLikelihood(double f, double y) {
        return Math.max(f, 0) + Math.log1p(Math.exp(-Math.abs(f))) - y * f;
    }

    private static double[] hessianMatrix(DesignMatrix x, double[] curvatureWeights, double delta) {
        double[] h = x.weightedGram(curvatureWeights);
        int p = x.cols();
        for (int k = 0; k < p; k++) {
            h[k * p + k] += delta;
        }
        return h;
    }

    private static double mean(double[] t) {
        double s = 0;
        for (double v : t) {
            s += v;
        }
        return s / t.length;
    }

    /** L(θ) = Σ_i w_i ℓ_i(θ) + δ‖θ‖²/2; weights 0 remove rows for the brute-force refits. */
    private record Objective(DesignMatrix x, double[] y, double[] weights, double delta) implements ConvexObjective {

        @Override
        public int dimension() {
            return x.cols();
        }

        @Override
        public double value(double[] theta) {
            double[] f = x.times(theta);
            double s = 0;
            for (int i = 0; i < f.length; i++) {
                if (weights[i] != 0) {
                    s += weights[i] * negativeLogLikelihood(f[i], y[i]);
                }
            }
            for (double t : theta) {
                s += 0.5 * delta * t * t;
            }
            return s;
        }

        @Override
        public double[] gradientAndHessian(double[] theta, double[] gradient) {
            double[] f = x.times(theta);
            double[] residual = new double[f.length];
            double[] curvature = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                double p = sigmoid(f[i]);
                residual[i] = weights[i] * (p - y[i]);
                curvature[i] = weights[i] * p * (1 - p);
            }
            double[] g = x.transposeTimes(residual);
            for (int k = 0; k < g.length; k++) {
                gradient[k] = g[k] + delta * theta[k];
            }
            return hessianMatrix(x, curvature, delta);
        }
    }
}
