package org.equitrain.nn;

import java.util.List;
import org.equitrain.autodiff.Var;

/**
 * Inverted dropout with probability {@code p}: active in training mode (mask drawn from {@link Context#rng()}),
 * the identity in evaluation mode.
 */
public final class Dropout implements Module {
    private final double p;

    /** Throws unless {@code p} is in [0, 1]. */
    public Dropout(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout: probability " + p + " is not in [0, 1]");
        }
        this.p = p;
    }

    /** The probability of zeroing an entry. */
    public double p() {
        return p;
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        return List.of();
    }

    @Override
    public Var forward(Params params, Var x, Context ctx) {
        return ctx.training() ? x.dropout(p, ctx.rng(), true) : x;
    }
}
