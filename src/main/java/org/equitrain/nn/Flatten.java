package org.equitrain.nn;

import java.util.List;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;

/** Reshapes [B, d1, d2, ...] to [B, d1·d2·...], e.g. between convolutional and dense layers. */
public final class Flatten implements Module {
    @Override
    public List<ParamSpec> paramSpecs() {
        return List.of();
    }

    @Override
    public Var forward(Params p, Var x, Context ctx) {
        return Ops.reshape(x, x.dim(0), -1);
    }
}
