package org.equitrain.autophagy.hypernet;

import java.util.Arrays;

/**
 * Architecture of a {@link Hypernetwork} (PLE spec §4). Immutable; start from {@link #of} and adjust with the
 * {@code with*} methods.
 *
 * @param inputDim d, the number of values in one (flattened) sample
 * @param encoderWidths widths of the per-sample encoder h¹, each layer Linear + ReLU (ReLU after the last too)
 * @param outerNet whether the outer net h² (3 × [Linear(h → h) + ReLU]) follows the pooling
 * @param heads how the code becomes the target's parameters
 * @param naiveBatchSize 0 for the set encoder (mean pooling); B &gt; 0 for the {@code naive} ablation that
 *     concatenates a batch of exactly B samples into one vector of length B·d (not permutation invariant)
 */
public record HypernetConfig(int inputDim, int[] encoderWidths, boolean outerNet, HeadsConfig heads,
        int naiveBatchSize) {
    /** Layers in the outer net h² (torchhyper). */
    public static final int OUTER_LAYERS = 3;

    /** Copies {@code encoderWidths} and checks input dim ≥ 1, positive widths and a naive batch size ≥ 0. */
    public HypernetConfig {
        encoderWidths = encoderWidths.clone();
        if (inputDim < 1 || encoderWidths.length == 0 || Arrays.stream(encoderWidths).anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("a hypernetwork needs input dim >= 1 and positive encoder widths, got "
                    + inputDim + " and " + Arrays.toString(encoderWidths));
        }
        if (naiveBatchSize < 0) {
            throw new IllegalArgumentException("naive batch size must be >= 0, got " + naiveBatchSize);
        }
    }

    /** Set encoder with these widths, no outer net, dense heads (torchhyper's defaults). */
    public static HypernetConfig of(int inputDim, int... encoderWidths) {
        return new HypernetConfig(inputDim, encoderWidths, false, HeadsConfig.dense(), 0);
    }

    /** This with or without the outer net h². */
    public HypernetConfig withOuterNet(boolean on) {
        return new HypernetConfig(inputDim, encoderWidths, on, heads, naiveBatchSize);
    }

    /** This with heads {@code h}. */
    public HypernetConfig withHeads(HeadsConfig h) {
        return new HypernetConfig(inputDim, encoderWidths, outerNet, h, naiveBatchSize);
    }

    /** The {@code naive} ablation: the batch of exactly {@code batchSize} samples concatenated into one vector. */
    public HypernetConfig naive(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the naive encoder needs a batch size >= 1, got " + batchSize);
        }
        return new HypernetConfig(inputDim, encoderWidths, outerNet, heads, batchSize);
    }

    /** A copy of the encoder widths. */
    @Override
    public int[] encoderWidths() {
        return encoderWidths.clone();
    }

    /** h, the width of the code the heads read. */
    public int codeWidth() {
        return encoderWidths[encoderWidths.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HypernetConfig c && c.inputDim == inputDim && Arrays.equals(c.encoderWidths, encoderWidths)
                && c.outerNet == outerNet && c.heads.equals(heads) && c.naiveBatchSize == naiveBatchSize;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoderWidths) * 31 + heads.hashCode() + inputDim + naiveBatchSize;
    }

    @Override
    public String toString() {
        return "HypernetConfig[d=" + inputDim + ", encoder=" + Arrays.toString(encoderWidths) + ", outerNet="
                + outerNet + ", heads=" + heads + (naiveBatchSize > 0 ? ", naive B=" + naiveBatchSize : "") + "]";
    }
}
