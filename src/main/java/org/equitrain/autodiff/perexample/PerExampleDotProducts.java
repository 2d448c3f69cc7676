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
}
