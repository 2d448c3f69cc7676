package org.equitrain.autophagy.ple;

import java.util.List;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;

/**
 * The data-independent "estimator" θ = maps(φ) whose φ are the family's own raw parameters: trained by
 * {@link PleTrainer} with λ = 0 on minibatches of one data set, it is ordinary maximum-likelihood training of the
 * family (the MLE baseline of the PLE experiments, through the same objective code).
 */
public final class FreeParameters implements LearnedEstimator {
    private final DensityFamily family;

    /** Free parameters θ = maps(φ) of {@code family}. */
    public FreeParameters(DensityFamily family) {
        this.family = family;
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        return family.paramSpecs();
    }

    @Override
    public Params initialParams(DType dtype, long seed) {
        return Params.init(family, dtype, seed);
    }

    @Override
    public Estimate estimate(Params phi, Var data) {
        return new Estimate(phi, family.constraints().apply(phi));
    }
}
