package org.equitrain.nn;

import java.util.List;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.ShapeException;

/** Flattens every dimension after the batch dimension: [B, d1, ..., dk] → [B, d1·...·dk]. */
public final class Flatten implements Module {
    @Override
    public List<ParamSpec> paramSpecs() {
        return List.of();
    }

    @Override
    public Var forward(Params params, Var x, Context ctx) {
        if (x.rank() < 1) {
            throw new ShapeException("flatten", "needs a batch dimension, got a scalar");
        }
        return x.reshape(x.dim(0), x.shape().sizeBetween(1, x.rank()));
    }
}
