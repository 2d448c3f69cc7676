package org.equitrain.autodiff.perexample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Tensor;

/**
 * Diagonals of the generalized Gauss-Newton matrix {@code G = Σ_b J_bᵀ Λ_b J_b} (J_b = ∂f_b/∂θ, Λ_b the output
 * Hessian of example b's loss) for models whose parameters act through linear and conv2d layers. With
 * {@code Λ_b = S_b S_bᵀ} ({@link OutputHessian}), {@code diag(J_bᵀ Λ_b J_b) = Σ_r (J_bᵀ s_{b,r})²}; the K columns
 * s_r are backpropagated for all examples at once — K backward passes, not B — and each gives per-example
 * vectors {@code J_bᵀ s_{b,r}} through the layer signals, as in BackPACK's DiagGGN.
 */
public final class GaussNewton {
    private final ParameterLayers layers;
    private final List<LayerSignals> columns;

    private GaussNewton(ParameterLayers layers, List<LayerSignals> columns) {
        this.layers = layers;
        this.columns = columns;
    }

    /** K backward passes from {@code output} [B, K], seeded with the columns of the factors of {@code hessian}. */
    public static GaussNewton of(Var output, OutputHessian hessian, Map<String, Var> params) {
        Tensor s = hessian.factor(output.value());
        int batch = s.dim(0);
        int k = s.dim(1);
        ParameterLayers layers = ParameterLayers.find(output, params);
        List<LayerSignals> columns = new ArrayList<>();
        double[] sv = s.doubles();
        for (int r = 0; r < k; r++) {
            double[] seed = new double[batch * k];
            for (int b = 0; b < batch; b++) {
                for (int c = 0; c < k; c++) {
                    seed[b * k + c] = sv[(b * k + c) * k + r];
                }
            }
            columns.add(LayerSignals.of(layers, output, Tensor.wrap(seed, batch, k).to(output.dtype())));
        }
        return new GaussNewton(layers, columns);
    }

    ParameterLayers layers() {
        return layers;
    }

    List<Tensor> deltasOf(Layer l) {
        return deltas(l);
    }

    /** {@code diag(Σ_b J_bᵀ Λ_b J_b)} by parameter name, in the parameters' shapes and dtypes. */
    public Map<String, Tensor> diagonal() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : layers.names()) {
            Layer l = layers.layerOf(name);
            out.put(name, l == null ? layers.zeros(name)
                    : layers.inParamType(name, l.summedSquares(name, deltas(l))));
        }
        return out;
    }

    /** {@code diag(J_bᵀ Λ_b J_b)} for every example b: [B, ...parameter shape]. */
    public Map<String, Tensor> perExampleDiagonal() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : layers.names()) {
            Layer l = layers.layerOf(name);
            out.put(name, l == null ? layers.zeros(name, layers.batchSize())
                    : layers.inParamType(name, l.squaredGradients(name, deltas(l))));
        }
        return out;
    }

    private List<Tensor> deltas(Layer l) {
        return columns.stream().map(c -> c.delta(l)).toList();
    }
}
