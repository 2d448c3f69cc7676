package org.equitrain.sensitivity;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;

/**
 * Ridge regression with exact leave-one-out and leave-group-out by the memory-perturbation identities (MPE spec
 * §2 "Ridge, exact", Thm 3): minimise Σ_i (x_iᵀθ − y_i)²/2 + δ‖θ‖²/2, so H = XᵀX + δI, e_i = x_iᵀθ* − y_i and
 * v_i = x_iᵀH⁻¹x_i. Removing examples needs no refit; {@link #refitWithout} is the brute-force oracle.
 *
 * <p>With {@link Intercept#UNPENALISED} a column of ones is prepended to X and its coefficient (index 0 of
 * {@link #coefficients()}) is left out of the penalty: H = XᵀX + δ·diag(0, 1, …, 1). Every identity below holds
 * for any fixed positive-semidefinite penalty, so v_i and the LOO formulas then include the intercept.
 */
public final class RidgeLoo {
    private static final BLAS BLAS_IMPL = BLAS.getInstance();

    /** How the model treats an intercept; the first value is the default. */
    public enum Intercept {
        /** θ multiplies the given columns only (the spec's H = XᵀX + δI). */
        NONE,
        /** A leading column of ones with an unpenalised coefficient. */
        UNPENALISED
    }

    /**
     * The exact effect of removing a group G (spec §2, Woodbury form).
     *
     * @param group the removed rows
     * @param looResiduals e_G^{\G} = (I − V_G)⁻¹ e_G, residuals of the group under the refit without it
     * @param groupShifts f_G(θ^{\G}) − f_G(θ*) = (I − V_G)⁻¹ V_G e_G
     * @param parameterShift θ^{\G} − θ* = H⁻¹ X_Gᵀ (I − V_G)⁻¹ e_G
     * @param allShifts f_k(θ^{\G}) − f_k(θ*) = x_kᵀ(θ^{\G} − θ*) for every training row k, in or out of G
     */
    public record GroupRemoval(int[] group, double[] looResiduals, double[] groupShifts, double[] parameterShift,
            double[] allShifts) {
    }

    private final DesignMatrix x;
    private final double[] y;
    private final double delta;
    private final double[] penalty;
    private final Cholesky hessian;
    private final double[] theta;
    private final double[] residuals;
    private final double[] leverages;

    private RidgeLoo(DesignMatrix x, double[] y, double delta, double[] penalty) {
        this.x = x;
        this.y = y;
        this.delta = delta;
        this.penalty = penalty;
        double[] ones = new double[x.rows()];
        Arrays.fill(ones, 1.0);
        this.hessian = factorHessian(ones);
        this.theta = hessian.solve(x.transposeTimes(y));
        double[] f = x.times(theta);
        this.residuals = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            residuals[i] = f[i] - y[i];
        }
        this.leverages = hessian.quadraticForms(x.values(), x.rows());
    }

    /** Fits ridge regression without an intercept. */
    public static RidgeLoo fit(DesignMatrix x, double[] y, double delta) {
        return fit(x, y, delta, Intercept.NONE);
    }

    /** Fits ridge regression with prior precision δ ≥ 0 (δ = 0 needs X of full column rank) to finite targets. */
    public static RidgeLoo fit(DesignMatrix x, double[] y, double delta, Intercept intercept) {
        if (y.length != x.rows()) {
            throw new IllegalArgumentException("ridge: " + y.length + " targets for " + x.rows() + " rows");
        }
        if (!(delta >= 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("ridge: prior precision δ must be finite and >= 0, got " + delta);
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("ridge: target of row " + i + " is " + y[i]
                        + ", not a finite number");
            }
        }
        DesignMatrix design = intercept == Intercept.UNPENALISED ? x.withInterceptColumn() : x;
        double[] penalty = new double[design.cols()];
        Arrays.fill(penalty, intercept == Intercept.UNPENALISED ? 1 : 0, penalty.length, 1.0);
        return new RidgeLoo(design, y.clone(), delta, penalty);
    }

    /** θ* (with the intercept first under {@link Intercept#UNPENALISED}). */
    public double[] coefficients() {
        return theta.clone();
    }

    /** The design the model uses, including the intercept column if any. */
    public DesignMatrix design() {
        return x;
    }

    /** f_i = x_iᵀθ for every training row. */
    public double[] predictions(double[] coefficients) {
        return x.times(coefficients);
    }

    /** e_i = x_iᵀθ* − y_i. */
    public double[] residuals() {
        return residuals.clone();
    }

    /** v_i = x_iᵀH⁻¹x_i (leverages; prediction variances of the Gaussian posterior). */
    public double[] leverages() {
        return leverages.clone();
    }

    /** MPE Thm 3: the LOO residual y-error e_i^{\i} = e_i / (1 − v_i). */
    public double[] looResiduals() {
        double[] r = new double[residuals.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = residuals[i] / (1 - leverages[i]);
        }
        return r;
    }

    /** MPE Thm 3: f_i(θ^{\i}) − f_i(θ*) = v_i e_i / (1 − v_i), exact. */
    public double[] looPredictionShifts() {
        double[] s = new double[residuals.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = leverages[i] * residuals[i] / (1 - leverages[i]);
        }
        return s;
    }

    /** MPE Eq. (12): the first-order shift v_i e_i (the ε → 0 form; off by O(v_i²) from the exact one). */
    public double[] firstOrderPredictionShifts() {
        double[] s = new double[residuals.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = leverages[i] * residuals[i];
        }
        return s;
    }

    /** MPE Thm 3: θ^{\i} − θ* = H⁻¹x_i e_i / (1 − v_i). */
    public double[] looParameterShift(int i) {
        double[] step = hessian.solve(x.row(x.checkRow(i)));
        double scale = residuals[i] / (1 - leverages[i]);
        for (int p = 0; p < step.length; p++) {
            step[p] *= scale;
        }
        return step;
    }

    /** The exact removal of the rows in {@code group} by Woodbury, with V_G = X_G H⁻¹ X_Gᵀ (spec §2, (c)). */
    public GroupRemoval leaveGroupOut(int[] group) {
        int g = x.checkGroup(group);
        DesignMatrix xg = x.selectRows(group);
        double[] vg = hessian.blockQuadraticForms(xg.values(), g, g);
        double[] identityMinusV = new double[g * g];
        double[] eg = new double[g];
        for (int a = 0; a < g; a++) {
            eg[a] = residuals[group[a]];
            for (int b = 0; b < g; b++) {
                identityMinusV[a * g + b] = (a == b ? 1 : 0) - vg[a * g + b];
            }
        }
        // I − V_G = (I + X_G (H^{\G})⁻¹ X_Gᵀ)⁻¹ is positive definite whenever H^{\G} is.
        double[] looResiduals = factorRemaining(identityMinusV, g, group).solve(eg); // (I − V_G)⁻¹ e_G
        double[] groupShifts = new double[g];
        BLAS_IMPL.dgemv("N", g, g, 1.0, vg, g, looResiduals, 1, 0.0, groupShifts, 1); // V_G (I − V_G)⁻¹ e_G
        double[] parameterShift = hessian.solve(xg.transposeTimes(looResiduals));
        return new GroupRemoval(group.clone(), looResiduals, groupShifts, parameterShift, x.times(parameterShift));
    }

    /** Brute-force oracle: θ^{\M} by refitting ridge on the rows not in {@code removed} (same δ and penalty). */
    public double[] refitWithout(int... removed) {
        double[] w = new double[x.rows()];
        Arrays.fill(w, 1.0);
        for (int i : removed) {
            w[x.checkRow(i)] = 0;
        }
        double[] wy = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            wy[i] = w[i] * y[i];
        }
        return factorHessian(w).solve(x.transposeTimes(wy));
    }

    /** Brute-force oracle: f_i(θ^{\i}) − f_i(θ*) for every i, by N refits. */
    public double[] bruteForceLooPredictionShifts() {
        double[] f = x.times(theta);
        double[] s = new double[f.length];
        for (int i = 0; i < s.length; i++) {
            double[] refit = refitWithout(i);
            double fi = 0;
            for (int p = 0; p < refit.length; p++) {
                fi += x.get(i, p) * refit[p];
            }
            s[i] = fi - f[i];
        }
        return s;
    }

    /** H = Σ w_i x_i x_iᵀ + δ·diag(penalty). */
    private Cholesky factorHessian(double[] weights) {
        double[] h = x.weightedGram(weights);
        int p = x.cols();
        for (int k = 0; k < p; k++) {
            h[k * p + k] += delta * penalty[k];
        }
        try {
            return Cholesky.factor(h, p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ridge: XᵀX + δI is singular (δ = " + delta + ", " + p
                    + " columns); use δ > 0 or drop collinear columns", e);
        }
    }

    private static Cholesky factorRemaining(double[] identityMinusV, int g, int[] group) {
        try {
            return Cholesky.factor(identityMinusV, g);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ridge: removing the " + g + " rows " + Arrays.toString(group)
                    + " leaves a singular problem; use δ > 0", e);
        }
    }
}
