package org.equitrain.nn;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.autodiff.Var;

/** Modules applied in order; the parameters of layer i are named "i.&lt;name&gt;" as in PyTorch. */
public final class Sequential implements Module {
    private final List<Module> layers;

    /** The layers in order (copied). */
    public Sequential(List<Module> layers) {
        this.layers = List.copyOf(layers);
    }

    /** The layers in order. */
    public Sequential(Module... layers) {
        this(List.of(layers));
    }

    /** The layers, as an unmodifiable list. */
    public List<Module> layers() {
        return layers;
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        List<ParamSpec> specs = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            for (ParamSpec s : layers.get(i).paramSpecs()) {
                specs.add(s.prefixed(Integer.toString(i)));
            }
        }
        return specs;
    }

    @Override
    public Var forward(Params p, Var x, Context ctx) {
        Var h = x;
        for (int i = 0; i < layers.size(); i++) {
            Module layer = layers.get(i);
            h = layer.forward(p.scope(Integer.toString(i)), h, ctx);
            // A Linear's output is a fresh array that only the next layer reads: an activation right after it writes
            // over it (as PyTorch's inplace=True), which spares a [batch, out] array per layer.
            if (layer instanceof Linear && i + 1 < layers.size()
                    && layers.get(i + 1) instanceof Activation a && a.hasInPlace()) {
                h = a.forwardInPlace(h);
                i++;
            }
        }
        return h;
    }
}
