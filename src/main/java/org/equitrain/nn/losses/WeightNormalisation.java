package org.equitrain.nn.losses;

/** The denominator of a weighted mean of per-example losses. */
public enum WeightNormalisation {
    /** {@code Σ w_i ℓ_i / n}: the default; weights rescale examples without changing the batch's scale. */
    COUNT,
    /** {@code Σ w_i ℓ_i / Σ w_i}: a proper weighted average (L2RW's normalised form). */
    WEIGHT_SUM
}
