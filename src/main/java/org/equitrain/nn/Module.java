package org.equitrain.nn;

import java.util.List;
import org.equitrain.autodiff.Var;

/**
 * A model or layer: a list of named parameter specs and a pure forward function of (parameters, input). Modules
 * own no parameter values (see {@link Params}); layers with sub-modules resolve names through
 * {@link Params#scope}. The names follow PyTorch ("weight", "bias", "0.weight", ...).
 */
public interface Module {
    /** The parameters this module reads, with full names relative to the module, in a fixed order. */
    List<ParamSpec> paramSpecs();

    /** The forward pass; {@code ctx} carries train/eval mode, randomness and buffers. */
    Var forward(Params params, Var input, Context ctx);

    /** The forward pass in evaluation mode. */
    default Var forward(Params params, Var input) {
        return forward(params, input, Context.eval());
    }
}
