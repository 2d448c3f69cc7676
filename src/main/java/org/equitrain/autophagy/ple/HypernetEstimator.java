package org.equitrain.autophagy.ple;

import java.util.List;
import java.util.function.Function;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.hypernet.HypernetConfig;
import org.equitrain.autophagy.hypernet.Hypernetwork;
import org.equitrain.autophagy.hypernet.ParamConstraints;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;

/** A {@link Hypernetwork} followed by constraint maps: raw = H_φ(X), constrained = maps(raw). */
public final class HypernetEstimator implements LearnedEstimator {
    private final Hypernetwork hypernet;
    private final ParamConstraints constraints;

    /** {@code hypernet} followed by {@code constraints}, which must fit the target's parameter shapes. */
    public HypernetEstimator(Hypernetwork hypernet, ParamConstraints constraints) {
        constraints.validate(hypernet.template());
        this.hypernet = hypernet;
        this.constraints = constraints;
    }

    /** A hypernetwork generated from {@code family} with the family's own constraints. */
    public static HypernetEstimator forFamily(DensityFamily family, HypernetConfig config) {
        return new HypernetEstimator(new Hypernetwork(family, config), family.constraints());
    }

    /** The underlying hypernetwork. */
    public Hypernetwork hypernetwork() {
        return hypernet;
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        return hypernet.paramSpecs();
    }

    @Override
    public Params initialParams(DType dtype, long seed) {
        return Params.init(hypernet, dtype, seed);
    }

    @Override
    public Estimate estimate(Params phi, Var data) {
        return bind(phi).apply(data);
    }

    /** Shares the heads' data-independent parts (chunked heads: E·W_eᵀ + b) across the bound calls. */
    @Override
    public Function<Var, Estimate> bind(Params phi) {
        Function<Var, Params> generator = hypernet.bind(phi);
        return data -> {
            Params raw = generator.apply(data);
            return new Estimate(raw, constraints.apply(raw));
        };
    }
}
