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
 * and c = exp(ρ) the only learned parameter. Its raw outputs are (μ̂, σ̂²) themselves, or (μ̂, log σ̂²) for the
 * log-coordinate check; the model-facing values are always (μ̂, σ̂²).
 */
final class ScaledVarianceEstimator implements LearnedEstimator {
    private final double initialC;
    private final boolean logRaw;

    ScaledVarianceEstimator(double initialC) {
        this(initialC, false);
    }

    ScaledVarianceEstimator(double initialC, boolean logRaw) {
        this.initialC = initialC;
        this.logRaw = logRaw;
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
        if (!logRaw) {
            return new Estimate(p, p);
        }
        Map<String, Var> raw = new LinkedHashMap<>(theta);
        raw.put("variance", Activations.log(theta.get("variance")));
        return new Estimate(Params.of(raw), p);
    }
}
