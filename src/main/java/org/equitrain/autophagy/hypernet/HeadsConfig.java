package org.equitrain.autophagy.hypernet;

/**
 * How the pooled code is turned into every target parameter (PLE spec §4 "Heads" and "Scale"):
 * <ul>
 *   <li>{@link #dense()}: one Linear(h → numel) per target tensor (torchhyper's design), (h + 1)·P weights;</li>
 *   <li>{@link #chunked(int, int)}: θ split into chunks of size C; one shared Linear maps [code ; e_k] to chunk k,
 *       with a learned embedding e_k ∈ R^{d_e} per chunk: (h + d_e + 1)·C + ⌈P/C⌉·d_e weights;</li>
 *   <li>{@link #lowRank(int)}: θ = θ_0 + U·a(code) with U ∈ R^{P×r} and a = Linear(h → r):
 *       (h + 1)·r + P·(r + 1) weights.</li>
 * </ul>
 */
public record HeadsConfig(Kind kind, int chunkSize, int embeddingDim, int rank) {
    /** The head families. */
    public enum Kind {
        /** One Linear head per target tensor ({@link #dense()}). */
        DENSE,
        /** One shared head over fixed-size chunks of θ ({@link #chunked(int, int)}). */
        CHUNKED,
        /** A low-rank update of a learned θ_0 ({@link #lowRank(int)}). */
        LOW_RANK
    }

    /** Checks the sizes the kind uses: chunk size and embedding dim ≥ 1 for chunked heads, rank ≥ 1 for low-rank. */
    public HeadsConfig {
        switch (kind) {
            case DENSE -> { }
            case CHUNKED -> {
                if (chunkSize < 1 || embeddingDim < 1) {
                    throw new IllegalArgumentException("chunked heads need chunk size >= 1 and embedding dim >= 1, got "
                            + chunkSize + " and " + embeddingDim);
                }
            }
            case LOW_RANK -> {
                if (rank < 1) {
                    throw new IllegalArgumentException("low-rank heads need rank >= 1, got " + rank);
                }
            }
            default -> throw new IllegalArgumentException("unknown head kind " + kind);
        }
    }

    /** One dense head per target tensor (the default). */
    public static HeadsConfig dense() {
        return new HeadsConfig(Kind.DENSE, 0, 0, 0);
    }

    /**
     * A shared head over chunks of {@code chunkSize} parameters, each with a learned embedding of {@code embeddingDim}.
     */
    public static HeadsConfig chunked(int chunkSize, int embeddingDim) {
        return new HeadsConfig(Kind.CHUNKED, chunkSize, embeddingDim, 0);
    }

    /** A low-rank head θ = θ_0 + U·a(code) of rank {@code rank}. */
    public static HeadsConfig lowRank(int rank) {
        return new HeadsConfig(Kind.LOW_RANK, 0, 0, rank);
    }

    Heads build(ParamTemplate template, int codeWidth) {
        return switch (kind) {
            case DENSE -> new DenseHeads(template, codeWidth);
            case CHUNKED -> new ChunkedHeads(template, codeWidth, chunkSize, embeddingDim);
            case LOW_RANK -> new LowRankHeads(template, codeWidth, rank);
        };
    }
}
