package org.equitrain.autophagy.hypernet;

import java.util.List;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Init;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;

/** Output heads of a hypernetwork: the code [1, h] to one raw tensor per template entry, in template order. */
interface Heads {
    /** The heads' own parameters, named relative to the heads' scope. */
    List<ParamSpec> paramSpecs();

    /** Raw target tensors with the template's shapes, differentiable in {@code heads} and {@code code}. */
    List<Var> generate(Params heads, Var code);

    /**
     * An initialiser for a flat [numel] readout bias that draws the target tensor with the target's own
     * initialiser [choice], so a hypernetwork starts near a standard initialisation of its target.
     */
    static Init targetInit(ParamSpec target) {
        return (dtype, rng, shape) -> target.init().create(dtype, rng, target.shape()).reshape(shape);
    }
}
