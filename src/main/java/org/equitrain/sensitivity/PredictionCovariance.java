package org.equitrain.sensitivity;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Which part of the per-example K×K prediction covariance V_i = J_i S⁻¹ J_iᵀ enters the multiclass
 * error-times-variance perturbation (MPE spec §2, Eq. 12–14). The first value is the default.
 */
public enum PredictionCovariance {
    /** Δf_i ≈ V_i e_i with the full K×K matrix (equitrain's default). */
    FULL {
        @Override
        public double[] logitShift(double[] covariance, double[] error) {
            int k = checkShapes(covariance, error);
            double[] shift = new double[k];
            BLAS_IMPL.dgemv("N", k, k, 1.0, covariance, k, error, 1, 0.0, shift, 1); // V_i symmetric
            return shift;
        }

        @Override
        public double probabilityDeviationOfShift(double[] u, double[] probabilities) {
            // Σ_k |(Λ_i V_i e_i)_k| with the softmax Jacobian Λ_i = diag(p_i) − p_i p_iᵀ and u = V_i e_i.
            double pu = 0;
            for (int c = 0; c < u.length; c++) {
                pu += probabilities[c] * u[c];
            }
            double s = 0;
            for (int c = 0; c < u.length; c++) {
                s += Math.abs(probabilities[c] * (u[c] - pu));
            }
            return s;
        }
    },
    /** Δf_ik ≈ V_i[k,k] e_ik, the official code's diagonal-only variant (for parity; spec §2 explains its bias). */
    DIAGONAL {
        @Override
        public double[] logitShift(double[] covariance, double[] error) {
            int k = checkShapes(covariance, error);
            double[] shift = new double[k];
            for (int c = 0; c < k; c++) {
                shift[c] = covariance[c * k + c] * error[c];
            }
            return shift;
        }

        @Override
        public double probabilityDeviationOfShift(double[] u, double[] probabilities) {
            // The paper's Σ_k |p_ik (1 − p_ik) V_i[k,k] e_ik| with u_k = V_i[k,k] e_ik.
            double s = 0;
            for (int c = 0; c < u.length; c++) {
                s += Math.abs(probabilities[c] * (1 - probabilities[c]) * u[c]);
            }
            return s;
        }
    };

    private static final BLAS BLAS_IMPL = BLAS.getInstance();

    /** The estimated logit shift f_i(θ^{\i}) − f_i(θ*) from V_i (row-major K×K) and e_i = p_i − y_i (length K). */
    public abstract double[] logitShift(double[] covariance, double[] error);

    /** The per-example sensitivity score in probability space (spec §3 "Scores"). */
    public double probabilityDeviation(double[] covariance, double[] error, double[] probabilities) {
        return probabilityDeviationOfShift(logitShift(covariance, error), probabilities);
    }

    /** The same score from the logit shift {@link #logitShift} already computed. */
    public abstract double probabilityDeviationOfShift(double[] shift, double[] probabilities);

    private static int checkShapes(double[] covariance, double[] error) {
        int k = error.length;
        if (covariance.length != k * k) {
            throw new IllegalArgumentException("prediction covariance of " + covariance.length
                    + " values is not " + k + "×" + k + " for an error of " + k + " classes");
        }
        return k;
    }
}
