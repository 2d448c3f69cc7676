package org.equitrain.autodiff.perexample;

import java.util.Map;
import org.equitrain.tensor.Tensor;

/**
 * Per-example dot products {@code ⟨g_b, v⟩} with one vector v, without materialising any per-example gradient
 * (FORML spec §3, "Per-layer factorisation"; L2RW §3.3): dense weight {@code δ_bᵀ V z_b} (one GEMM Z·Vᵀ and a
 * row-wise dot), bias {@code ⟨v_b, δ_b⟩}, convolution weight {@code Σ_{o,l} δ_b[o, l]·(V C_b)[o, l]} with the
 * im2col patches C_b.
 */
public final class PerExampleDotProducts {
    private PerExampleDotProducts() {
    }

    /** {@code ⟨g_b, v⟩} for every example b, [B] in float64; {@code v} has one tensor per requested parameter. */
    public static Tensor compute(LayerSignals s, Map<String, Tensor> v) {
        s.layers.checkCovers(v, "v");
        double[] acc = new double[s.batchSize()];
        for (String name : s.names()) {
            Layer l = s.layers.layerOf(name);
            if (l != null) {
                l.addDots(name, s.delta(l), v.get(name), acc);
            }
        }
        return Tensor.wrap(acc, acc.length);
    }

    /**
     * {@code ⟨g_b, G'⟩} for every example b of {@code s}, where {@code G' = Σ_j g'_j} is the gradient whose signals
     * are {@code other}: the same parameters (by name) on another batch, possibly at other values, e.g. a held-out
     * meta-objective at a look-ahead point (FORML spec §4 step 4). Per dense layer the cheaper of two exact forms is
     * used: G' formed once then {@code δ_bᵀ G' z_b} (in·out·(B + V)), or the Gram form
     * {@code Σ_j (δ_b·δ'_j)(z_b·z'_j)} (B·V·(in + out)). [B] in float64.
     */
    public static Tensor compute(LayerSignals s, LayerSignals other) {
        if (!s.names().equals(other.names())) {
            throw new IllegalArgumentException("signals of parameters " + s.names() + " against signals of "
                    + other.names());
        }
        double[] acc = new double[s.batchSize()];
        for (String name : s.names()) {
            if (!s.shape(name).equals(other.shape(name))) {
                throw new IllegalArgumentException("parameter '" + name + "' has shape " + s.shape(name) + " in one"
                        + " set of signals and " + other.shape(name) + " in the other");
            }
            Layer l = s.layers.layerOf(name);
            Layer o = other.layers.layerOf(name);
            if (l != null && o != null) {
                if (!l.op.equals(o.op)) {
                    throw new IllegalArgumentException("parameter '" + name + "' is used by " + l.op + " in one set"
                            + " of signals and by " + o.op + " in the other");
                }
                l.addDotsWith(name, s.delta(l), o, other.delta(o), acc);
            }
        }
        return Tensor.wrap(acc, acc.length);
    }
}
