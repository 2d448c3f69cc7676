package org.equitrain.sensitivity.nn;

import java.util.Map;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Tensor;

/** A Gaussian posterior covariance S⁻¹ over a network's parameters, as the MPE needs it (spec §1, §3). */
public interface PosteriorCovariance {
    /** V_b = J_b S⁻¹ J_bᵀ for every row of {@code logits} [B, K]: [B, K, K] float64. */
    Tensor predictionCovariances(Var logits, Map<String, Var> params);

    /** S⁻¹ g for a parameter-shaped g (MPE Eq. 10's step Δθ ≈ S⁻¹ Σ_j ∇ℓ_j), float64. */
    Map<String, Tensor> solve(Map<String, Tensor> g);
}
