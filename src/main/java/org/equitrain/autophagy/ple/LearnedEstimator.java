package org.equitrain.autophagy.ple;

import java.util.List;
import java.util.function.Function;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;

/**
 * An estimator with trainable parameters φ: a differentiable map from a data set X to the parameters θ = H_φ(X) of a
 * {@link DensityFamily} (PLE v3 Eq. 6). A {@link HypernetEstimator} is the general case; a structured estimator
 * (e.g. σ̂² = c·S with c learned) implements this interface directly.
 */
public interface LearnedEstimator {
    /** The parameters φ, named and shaped. */
    List<ParamSpec> paramSpecs();

    /** Fresh differentiable φ, seeded. */
    Params initialParams(DType dtype, long seed);

    /** θ for the data set {@code data} [n, d], differentiable in φ and in the data. */
    Estimate estimate(Params phi, Var data);

    /**
     * {@link #estimate} bound to φ for several data sets (the conditioning set and the M synthetic sets of a PLE
     * step): an estimator may compute its data-independent parts once; the values are those of estimate.
     */
    default Function<Var, Estimate> bind(Params phi) {
        return data -> estimate(phi, data);
    }
}
