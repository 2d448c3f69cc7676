package org.equitrain.sensitivity.nn;

import java.util.Map;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/** A Gaussian posterior covariance S⁻¹ over a network's parameters, as the MPE needs it (spec §1, §3). */
public interface PosteriorCovariance {
    /** V_b = J_b S⁻¹ J_bᵀ for every row of {@code logits} [B, K]: [B, K, K] float64. */
    Tensor predictionCovariances(Var logits, Map<String, Var> params);

    /**
     * V_b e_b for every row of {@code logits} [B, K] and {@code errors} e [B, K]: [B, K] float64, the full-covariance
     * logit shift Δf_b ≈ V_b e_b (MPE Eq. 13). By default through {@link #predictionCovariances}.
     */
    default Tensor covarianceProducts(Var logits, Map<String, Var> params, Tensor errors) {
        double[] v = predictionCovariances(logits, params).doubles();
        double[] e = errors.to(DType.FLOAT64).doubles();
        int k = logits.dim(1);
        double[] out = new double[e.length];
        for (int i = 0; i < out.length; i++) {
            int b = i / k;
            for (int c = 0; c < k; c++) {
                out[i] += v[i * k + c] * e[b * k + c];
            }
        }
        return Tensor.wrap(out, e.length / k, k);
    }

    /** S⁻¹ g for a parameter-shaped g (MPE Eq. 10's step Δθ ≈ S⁻¹ Σ_j ∇ℓ_j), float64. */
    Map<String, Tensor> solve(Map<String, Tensor> g);
}
