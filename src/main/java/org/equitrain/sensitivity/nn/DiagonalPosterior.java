package org.equitrain.sensitivity.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.equitrain.autodiff.Var;
import org.equitrain.autodiff.perexample.CovarianceProducts;
import org.equitrain.autodiff.perexample.OutputJacobians;
import org.equitrain.nn.Params;
import org.equitrain.nn.optim.OptimizerState;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * A diagonal posterior covariance S⁻¹ = diag(σ²) (MPE spec §3): from IVON's Hessian estimate, from Adam's second
 * moment, or from the diagonal GGN (Laplace). V_b = J_b diag(σ²) J_bᵀ through {@link OutputJacobians}.
 */
public record DiagonalPosterior(Map<String, Tensor> variances) implements PosteriorCovariance {

    /** IVON: σ² = 1/(N (h + wd)), the optimizer's own posterior at its mean. */
    public static DiagonalPosterior ivon(Ivon ivon, Params params) {
        return new DiagonalPosterior(ivon.variances(params));
    }

    /**
     * Adam: σ² = 1/(N √s + δ) with s the second-moment EMA "exp_avg_sq", no bias correction and no ε (spec §3,
     * as in the official {@code get_covariance_from_adam}); N ≥ 1 and δ finite and ≥ 0.
     */
    public static DiagonalPosterior adam(OptimizerState state, Params params, int examples, double prior) {
        if (examples < 1 || !(prior >= 0) || Double.isInfinite(prior)) {
            throw new IllegalArgumentException("adam variances: need N ≥ 1 examples and a finite prior precision ≥ 0,"
                    + " got N = " + examples + ", δ = " + prior);
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : params.names()) {
            Tensor s = state.slots().get(OptimizerState.key("exp_avg_sq", name));
            if (s == null) {
                throw new IllegalArgumentException("adam variances: the optimizer state has no second moment for '"
                        + name + "' (kind " + state.kind() + ", " + state.steps() + " steps)");
            }
            double[] v = s.toDoubleArray();
            for (int j = 0; j < v.length; j++) {
                v[j] = 1 / (examples * Math.sqrt(v[j]) + prior);
            }
            out.put(name, Tensor.wrap(v, s.shape()));
        }
        return new DiagonalPosterior(out);
    }

    /**
     * Laplace with the diagonal GGN: σ²_p = 1/(Σ_i diag(J_iᵀ Λ_i J_i)_p + δ); the prior precision δ must be finite
     * and &gt; 0, as for K-FAC (δ ≤ 0 gives infinite or negative variances where the GGN vanishes).
     */
    public static DiagonalPosterior laplace(Map<String, Tensor> ggnDiagonal, double prior) {
        if (!(prior > 0) || Double.isInfinite(prior)) {
            throw new IllegalArgumentException("Laplace: prior precision must be finite and > 0, got " + prior);
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        ggnDiagonal.forEach((name, d) -> {
            double[] v = d.toDoubleArray();
            for (int j = 0; j < v.length; j++) {
                v[j] = 1 / (v[j] + prior);
            }
            out.put(name, Tensor.wrap(v, d.shape()));
        });
        return new DiagonalPosterior(out);
    }

    @Override
    public Tensor predictionCovariances(Var logits, Map<String, Var> params) {
        return OutputJacobians.of(logits, params).covariances(variances);
    }

    /** V_b e_b without forming V_b, in two backward passes for dense networks ({@link CovarianceProducts}). */
    @Override
    public Tensor covarianceProducts(Var logits, Map<String, Var> params, Tensor errors) {
        return CovarianceProducts.of(logits, params, variances, errors);
    }

    @Override
    public Map<String, Tensor> solve(Map<String, Tensor> g) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        g.forEach((name, t) -> {
            double[] v = t.toDoubleArray();
            Tensor s = variances.get(name).to(DType.FLOAT64);
            for (int j = 0; j < v.length; j++) {
                v[j] *= s.getFlat(j);
            }
            out.put(name, Tensor.wrap(v, t.shape()));
        });
        return out;
    }
}
