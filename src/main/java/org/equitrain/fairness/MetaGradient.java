package org.equitrain.fairness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.autodiff.perexample.LayerSignals;
import org.equitrain.autodiff.perexample.PerExampleDotProducts;
import org.equitrain.autodiff.perexample.PerExampleGradients;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * The pieces of the L2RW / FORML meta-gradient (forml.md §3): a plain-SGD virtual step from stored layer signals,
 * the held-out gradient G_m = ∇_θ L_meta(θ̂), and the per-example products ⟨G_m, g_i⟩ by the per-layer
 * factorisation, so no per-example gradient and no second derivative is ever formed. With θ̂(ε) = θ − Σ_k c_k g_k
 * and c_k = α ε_k, ∂L_meta(θ̂(ε))/∂ε_i = −α ⟨∇L_meta(θ̂(ε)), g_i⟩ exactly, for any ε.
 */
public final class MetaGradient {
    private MetaGradient() {
    }

    /**
     * θ̂ = θ − Σ_i c_i g_i from the signals of Σ_i ℓ_i at θ (forml.md §4 step 2), in new tensors; {@code params} is
     * not changed, and with every c_i = 0 (L2RW's ε = 0) θ̂ is θ's own tensors, with no work.
     */
    public static Map<String, Tensor> virtualStep(Params params, LayerSignals signals, double[] c) {
        return virtualStep(params, signals, c, buffer(params));
    }

    /**
     * As {@link #virtualStep(Params, LayerSignals, double[])}, writing θ̂ into {@code buffer} (from
     * {@link #buffer(Params)}), so a training loop reuses the same tensors every step; parameters that the buffer
     * lacks keep θ's values (for a layer whose stepped output is computed without its θ̂, see
     * {@link LookaheadPass}). With every c_i = 0 θ̂ is θ's own tensors.
     */
    public static Map<String, Tensor> virtualStep(Params params, LayerSignals signals, double[] c,
            Map<String, Tensor> buffer) {
        Map<String, Tensor> theta = new LinkedHashMap<>();
        params.asMap().forEach((name, v) -> theta.put(name, v.value()));
        boolean moves = false;
        double[] minus = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            moves |= c[i] != 0;
            minus[i] = -c[i];
        }
        if (!moves) {
            return theta;
        }
        PerExampleGradients.addWeightedSumInto(signals, Tensor.wrap(minus, minus.length), theta, buffer);
        Map<String, Tensor> hat = new LinkedHashMap<>(theta);
        hat.putAll(buffer);
        return hat;
    }

    /** Float64 tensors shaped like {@code params}, for {@link #virtualStep(Params, LayerSignals, double[], Map)}. */
    public static Map<String, Tensor> buffer(Params params) {
        Map<String, Tensor> b = new LinkedHashMap<>();
        params.asMap().forEach((name, v) -> b.put(name, Tensor.zeros(DType.FLOAT64, v.shape())));
        return b;
    }

    /** G_m = ∇_θ [L_meta(θ) + β·mean loss] on {@code heldOut} at parameter values {@code theta} (step 3). */
    public static Map<String, Tensor> heldOutGradient(Module model, Map<String, Tensor> theta, GroupedData heldOut,
            MetaObjective objective, double anchor) {
        Params p = Params.fromTensors(theta);
        List<Tensor> g = Grad.gradTensors(metaLoss(model, p, heldOut, objective, anchor), p.vars());
        Map<String, Tensor> out = new LinkedHashMap<>();
        int k = 0;
        for (String name : p.names()) {
            out.put(name, g.get(k++));
        }
        return out;
    }

    /**
     * The layer signals of L_meta(θ) + β·mean loss on {@code heldOut} at {@code theta} (step 3): G_m without forming
     * it, one forward pass and a backward pass to the layer outputs only.
     */
    public static LayerSignals heldOutSignals(Module model, Map<String, Tensor> theta, GroupedData heldOut,
            MetaObjective objective, double anchor) {
        Params p = Params.fromTensors(theta);
        return LayerSignals.of(metaLoss(model, p, heldOut, objective, anchor), p.asMap());
    }

    private static Var metaLoss(Module model, Params p, GroupedData heldOut, MetaObjective objective,
            double anchor) {
        Var x = Var.constant(heldOut.x().to(p.vars().get(0).dtype()));
        return objective.value(model.forward(p, x), heldOut, anchor);
    }

    /**
     * {@code scale · ⟨G_m, g_i⟩} for every example of {@code signals}, G_m given by the held-out signals (step 4
     * with scale −α/n), by the cheaper exact factorisation per layer (forml.md §3).
     */
    public static double[] perExample(LayerSignals signals, LayerSignals heldOut, double scale) {
        double[] d = PerExampleDotProducts.compute(signals, heldOut).doubles();
        for (int i = 0; i < d.length; i++) {
            d[i] *= scale;
        }
        return d;
    }
}
