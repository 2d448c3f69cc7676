package org.equitrain.fairness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.CustomOp;
import org.equitrain.autodiff.Node;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.autodiff.perexample.LayerSignals;
import org.equitrain.autodiff.perexample.SteppedLinear;
import org.equitrain.nn.Context;
import org.equitrain.nn.Linear;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.Sequential;
import org.equitrain.tensor.Tensor;

/**
 * The held-out pass of a FORML step at the look-ahead point θ̂ = θ − Σ_i c_i g_i (forml.md §4 steps 2–3): θ̂ written
 * into buffers reused every step, then the layer signals of L_meta on the held-out batch. When the model is a
 * {@link Sequential} that starts with a {@link Linear} layer and the held-out batch is small against that layer
 * (V·(in + out) &lt; in·out, e.g. MNIST pixels), that layer's θ̂ is never formed: its held-out output is
 * X'Wᵀ + (X'Xᵀ diag(−c)) Δ exactly (forml.md §3, {@link SteppedLinear}), which saves the B·in·out of its step.
 */
final class LookaheadPass {
    private final Module model;
    private final Linear first;
    private Map<String, Tensor> full;
    private Map<String, Tensor> rest;

    LookaheadPass(Module model) {
        this.model = model;
        this.first = model instanceof Sequential s && !s.layers().isEmpty() && s.layers().get(0) instanceof Linear l
                ? l : null;
    }

    /** L_meta + β·mean loss on {@code heldOut} at θ̂ = θ − Σ_i c_i g_i, as layer signals. */
    LayerSignals heldOutSignals(Params params, LayerSignals train, double[] c, GroupedData heldOut,
            MetaObjective objective, double anchor) {
        boolean moves = false;
        for (double v : c) {
            moves |= v != 0;
        }
        boolean factorised = moves && first != null
                && SteppedLinear.cheaper(heldOut.size(), first.inFeatures(), first.outFeatures());
        if (!factorised) {
            if (full == null) {
                full = MetaGradient.buffer(params);
            }
            return MetaGradient.heldOutSignals(model, MetaGradient.virtualStep(params, train, c, full), heldOut,
                    objective, anchor);
        }
        if (rest == null) {
            rest = new LinkedHashMap<>(MetaGradient.buffer(params));
            rest.remove("0.weight");
            rest.remove("0.bias");
        }
        Params hat = Params.fromTensors(MetaGradient.virtualStep(params, train, c, rest)); // layer 0 keeps θ's values
        Var x = Var.constant(heldOut.x().to(params.vars().get(0).dtype()));
        double[] minus = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            minus[i] = -c[i];
        }
        Var w = hat.get("0.weight");
        Var b = hat.has("0.bias") ? hat.get("0.bias") : null;
        Tensor y = SteppedLinear.output(train, "0.weight", Tensor.wrap(minus, minus.length), x.value(), w.value(),
                b == null ? null : b.value());
        Var h = steppedLinearNode(y, x, w, b);
        List<Module> layers = ((Sequential) model).layers();
        for (int i = 1; i < layers.size(); i++) { // as Sequential.forward, in evaluation mode
            h = layers.get(i).forward(hat.scope(Integer.toString(i)), h, Context.eval());
        }
        return LayerSignals.of(objective.value(h, heldOut, anchor), hat.asMap());
    }

    /**
     * Records {@code y} as a "linear" node of constant input {@code x} and parameters {@code w}, {@code b}, so the
     * held-out signals see the layer; the gradients with respect to W and b (gᵀx, Σ g) do not depend on W's value.
     */
    private static Var steppedLinearNode(Tensor y, Var x, Var w, Var b) {
        Node.SelectiveBackward rule = (g, wanted) -> new Var[] {null,
            Node.SelectiveBackward.wants(wanted, 1) ? Ops.matmul(g, x, true, false) : null,
            b != null && Node.SelectiveBackward.wants(wanted, 2) ? Ops.sum(g, 0, false) : null};
        return b == null ? CustomOp.of("linear", y, rule, x, w) : CustomOp.of("linear", y, rule, x, w, b);
    }
}
