package org.equitrain.mutual;

/** How peer i's mutual term combines the other K − 1 peers (renyi-dml.md §2). */
public enum PeerAggregation {
    /** {@code (1/(K−1)) Σ_{j≠i} D_α(p_j ‖ q_i)}, as in the RDML and PyTorch DML code (the default). */
    MEAN_OF_DIVERGENCES,
    /** {@code D_α(mean_{j≠i} p_j ‖ q_i)}, DML's variant DML_e (KL to the averaged peer posterior). */
    DIVERGENCE_TO_MEAN
}
