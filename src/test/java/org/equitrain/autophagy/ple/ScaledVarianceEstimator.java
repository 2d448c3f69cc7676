package org.equitrain.autophagy.ple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Init;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.Tensor;

/**
 * The structured estimator of PLE spec §2's worked example: μ̂ = x̄, σ̂² = c·S with S = Σ(x_i − x̄)² per coordinate
 * and c = exp(ρ) the only learned parameter. It outputs model-facing values directly (raw = constrained).
 */
final class ScaledVarianceEstimator implements LearnedEstimator {
    private final double initialC;

    ScaledVarianceEstimator(double initialC) {
        this.initialC = initialC;
    }

    static double c(Params phi) {
        return Math.exp(phi.get("rho").item());
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        return List.of(new ParamSpec("rho", new int[] {1}, Init.constant(Math.log(initialC))));
    }

    @Override
    public Params initialParams(DType dtype, long seed) {
        return Params.of(Map.of("rho", Var.param(Tensor.full(dtype, Math.log(initialC), Shape.of(1)))));
    }

    @Override
    public Estimate estimate(Params phi, Var data) {
        Var mean = Ops.mean(data, 0, false);
        Var r = Ops.sub(data, mean);
        Var scatter = Ops.sum(Ops.mul(r, r), 0, false);
        Map<String, Var> theta = new LinkedHashMap<>();
        theta.put("mean", mean);
        theta.put("variance", Ops.mul(Activations.exp(phi.get("rho")), scatter));
        Params p = Params.of(theta);
        return new Estimate(p, p);
    }
}
