/**
 * Per-example quantities without B backward passes, BackPACK-style, for models whose requested parameters are
 * the weights and biases of "linear" and "conv2d" nodes.
 *
 * <pre>{@code
 * Var logits = model.forward(params, Var.constant(x));
 * Var loss = sumOfPerExampleLosses(logits, y);                      // Σ_b ℓ_b, not the mean
 * LayerSignals s = LayerSignals.of(loss, params);                    // one backward pass
 * Map<String, Tensor> g = PerExampleGradients.materialise(s);        // name → [B, ...shape]
 * Tensor dots = PerExampleDotProducts.compute(s, v);                 // ⟨g_b, v⟩, never forming g_b
 * Tensor norms = PerExampleGradients.squaredNorms(s);                // ‖g_b‖²
 * Map<String, Tensor> step = PerExampleGradients.weightedSum(s, w);  // Σ_b w_b g_b
 * PerExampleGradients.addWeightedSumInto(s, w, theta, buffers);      // θ + Σ_b w_b g_b into reused buffers
 * Tensor meta = PerExampleDotProducts.compute(s, heldOutSignals);    // ⟨g_b, G'⟩, G' another batch's gradient
 * Tensor y = SteppedLinear.output(s, "0.weight", w, x2, W, b);       // x2 through the stepped layer, W never formed
 *
 * GaussNewton ggn = GaussNewton.of(logits, OutputHessian.softmaxCrossEntropy(), params);  // K passes
 * Map<String, Tensor> diag = ggn.diagonal();                         // diag Σ_b J_bᵀ Λ_b J_b
 * Tensor v = OutputJacobians.of(logits, params).covariances(sigma2); // V_b = J_b diag(σ²) J_bᵀ, [B, K, K]
 * Tensor ve = CovarianceProducts.of(logits, params, sigma2, e);      // V_b e_b, two passes for dense nets
 * }</pre>
 */
package org.equitrain.autodiff.perexample;
