package org.equitrain.autodiff.perexample;

import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.Tensor;

/**
 * What one backward pass leaves at each layer of the requested parameters (BackPACK-style): the layer input z_b
 * (im2col patches for a convolution) and the output-side signal δ_b for every example b. Since examples are
 * independent, δ_b is the gradient of example b's own loss, so per-example gradients, dot products, squared norms
 * and weighted sums all follow from (z, δ) without B backward passes; see {@link PerExampleGradients} and
 * {@link PerExampleDotProducts}.
 *
 * <p>Requirements: every requested parameter is the weight or bias of "linear" or "conv2d" nodes only (other uses
 * are reported), row b of every layer input belongs to example b, and examples do not interact (no batch
 * normalisation in training mode). Signals are held in float64. Parameters are passed by name in order, e.g.
 * {@code params.asMap()} of the nn layer's {@code Params}; results follow that order.
 */
public final class LayerSignals {
    final ParameterLayers layers;
    private final Map<Layer, Tensor> deltas;

    LayerSignals(ParameterLayers layers, Map<Layer, Tensor> deltas) {
        this.layers = layers;
        this.deltas = deltas;
    }

    /**
     * Signals of a scalar {@code loss} that is the sum of per-example losses {@code Σ_b ℓ_b}: one backward pass.
     * For a mean loss {@code (1/B) Σ_b ℓ_b} every result carries a factor 1/B (multiply by B, or pass the sum).
     */
    public static LayerSignals of(Var loss, Map<String, Var> params) {
        if (loss.value().size() != 1) {
            throw new IllegalArgumentException("a loss must be a scalar, got shape " + loss.shape()
                    + "; for a vector output pass a seed");
        }
        ParameterLayers layers = ParameterLayers.find(loss, params);
        return new LayerSignals(layers, layers.backward(loss, null));
    }

    /**
     * Signals of {@code ⟨seed, output⟩} for an output [B, ...] (row b from example b): the per-example results are
     * then the gradients of {@code ⟨seed_b, output_b⟩}, e.g. a one-hot seed gives rows of output Jacobians.
     */
    public static LayerSignals of(Var output, Tensor seed, Map<String, Var> params) {
        return of(ParameterLayers.find(output, params), output, seed);
    }

    static LayerSignals of(ParameterLayers layers, Var output, Tensor seed) {
        if (!seed.shape().equals(output.shape())) {
            throw new IllegalArgumentException("seed of shape " + seed.shape() + " for an output of shape "
                    + output.shape());
        }
        if (output.rank() == 0 || output.dim(0) != layers.batchSize()) {
            throw new IllegalArgumentException("output " + output.shape() + " does not have the layers' "
                    + layers.batchSize() + " examples along its first axis");
        }
        return new LayerSignals(layers, layers.backward(output, seed));
    }

    /** Number of examples B. */
    public int batchSize() {
        return layers.batchSize();
    }

    /** The requested parameter names, in order. */
    public List<String> names() {
        return layers.names();
    }

    /** The shape of parameter {@code name}. */
    public Shape shape(String name) {
        return layers.param(name).shape();
    }

    Tensor delta(Layer layer) {
        return deltas.get(layer);
    }
}
