package org.equitrain.autophagy.hypernet;

import java.util.List;
import java.util.function.Function;
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
     * The heads bound to their parameters, for generating from several codes: parts that do not depend on the code
     * are computed once and shared by every call (their gradients add up in one backward pass), so the values equal
     * those of {@link #generate}.
     */
    default Function<Var, List<Var>> bind(Params heads) {
        return code -> generate(heads, code);
    }

    /**
     * An initialiser for a flat [numel] readout bias that draws the target tensor with the target's own
     * initialiser [choice], so a hypernetwork starts near a standard initialisation of its target.
     */
    static Init targetInit(ParamSpec target) {
        return (dtype, rng, shape) -> target.init().create(dtype, rng, target.shape()).reshape(shape);
    }
}
