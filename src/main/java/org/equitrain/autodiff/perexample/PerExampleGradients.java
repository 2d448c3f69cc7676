package org.equitrain.autodiff.perexample;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * Per-example gradients g_b = ∇ℓ_b from one backward pass's {@link LayerSignals}: materialised, as squared norms,
 * or as the weighted batch gradient Σ_b w_b g_b. For signals of a mean loss, scale by B (see {@link LayerSignals}).
 */
public final class PerExampleGradients {
    private PerExampleGradients() {
    }

    /** Every g_b, by parameter name: [B, ...parameter shape], in the parameter's dtype. */
    public static Map<String, Tensor> materialise(LayerSignals s) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : s.names()) {
            Layer l = s.layers.layerOf(name);
            out.put(name, l == null ? s.layers.zeros(name, s.batchSize())
                    : s.layers.inParamType(name, l.gradients(name, s.delta(l))));
        }
        return out;
    }

    /**
     * {@code ‖g_b‖²} over all requested parameters, [B] in float64: dense weights as {@code ‖δ_b‖²‖z_b‖²},
     * convolution weights exactly from the patches, one example at a time.
     */
    public static Tensor squaredNorms(LayerSignals s) {
        double[] acc = new double[s.batchSize()];
        for (String name : s.names()) {
            Layer l = s.layers.layerOf(name);
            if (l != null) {
                l.addSquaredNorms(name, s.delta(l), acc);
            }
        }
        return Tensor.wrap(acc, acc.length);
    }

    /**
     * {@code Σ_b w_b g_b} for weights {@code w} [B], one GEMM per layer (FORML spec §3: the real weighted step
     * reuses the stored signals), in the parameters' dtypes.
     */
    public static Map<String, Tensor> weightedSum(LayerSignals s, Tensor weights) {
        double[] w = checkWeights(s, weights);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : s.names()) {
            Layer l = s.layers.layerOf(name);
            out.put(name, l == null ? s.layers.zeros(name)
                    : s.layers.inParamType(name, l.weightedSum(name, s.delta(l), w)));
        }
        return out;
    }

    /**
     * {@code base + Σ_b w_b g_b} as new tensors (one per requested parameter, {@code base} unchanged): each layer's
     * GEMM accumulates onto a copy of its base value, e.g. a virtual SGD step θ − Σ_b c_b g_b with w = −c (FORML
     * spec §4 step 2) without a separate gradient buffer.
     */
    public static Map<String, Tensor> addWeightedSum(LayerSignals s, Tensor weights, Map<String, Tensor> base) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : s.names()) {
            out.put(name, Tensor.zeros(DType.FLOAT64, s.shape(name)));
        }
        addWeightedSumInto(s, weights, base, out);
        for (String name : s.names()) {
            out.put(name, out.get(name).to(base.get(name).dtype()));
        }
        return out;
    }

    /**
     * {@code out ← base + Σ_b w_b g_b} ({@code base} null: 0) written into the float64 tensors of {@code out}, for the
     * requested parameters that {@code out} holds: a training loop reuses the same buffers every step instead of
     * allocating them.
     */
    public static void addWeightedSumInto(LayerSignals s, Tensor weights, Map<String, Tensor> base,
            Map<String, Tensor> out) {
        if (base != null) {
            s.layers.checkCovers(base, "base");
        }
        double[] w = checkWeights(s, weights);
        for (String name : out.keySet()) {
            Tensor acc = out.get(name);
            if (!s.names().contains(name) || !acc.shape().equals(s.shape(name))
                    || acc.dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException("out '" + name + "' (" + acc.dtype() + " " + acc.shape()
                        + ") is not a float64 tensor of a requested parameter " + s.names());
            }
            double[] a = acc.doubles();
            Layer l = s.layers.layerOf(name);
            if (base != null) {
                System.arraycopy(base.get(name).to(DType.FLOAT64).doubles(), 0, a, 0, a.length);
            } else if (l == null) {
                Arrays.fill(a, 0.0);
            }
            if (l != null) {
                l.addWeightedSum(name, s.delta(l), w, acc, base == null); // no base: the GEMM overwrites acc
            }
        }
    }

    static double[] checkWeights(LayerSignals s, Tensor weights) {
        if (weights.rank() != 1 || weights.dim(0) != s.batchSize()) {
            throw new IllegalArgumentException("weights of shape " + weights.shape() + " for " + s.batchSize()
                    + " examples");
        }
        return weights.to(DType.FLOAT64).doubles();
    }
}
