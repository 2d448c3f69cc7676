package org.equitrain.autodiff.perexample;

import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.Tensor;

/**
 * {@code V_b e_b = J_b diag(σ²) J_bᵀ e_b} for every example (the MPE logit shift with the full covariance, spec
 * §2 Eq. 13) in two backward passes instead of K when every layer is dense. For a dense layer with output-side
 * Jacobian J_{l,b} (K × n) the layer's part of V_b is {@code J_{l,b} diag(u_{l,b}) J_{l,b}ᵀ}, u = (z⊙z)(σ²_W)ᵀ + σ²_b;
 * so one backward pass seeded with e gives {@code J_{l,b}ᵀ e_b} at every layer output (recorded with createGraph),
 * and a second pass through it gives {@code Σ_l J_{l,b} (u_{l,b} ⊙ J_{l,b}ᵀ e_b)}, a Jacobian-vector product by
 * double backward. Convolutions (whose weight part is not of that form) use {@link OutputJacobians}' K passes.
 */
public final class CovarianceProducts {
    private CovarianceProducts() {
    }

    /** {@code V_b e_b} [B, K] float64 for {@code output} [B, K], variances by parameter name, errors e [B, K]. */
    public static Tensor of(Var output, Map<String, Var> params, Map<String, Tensor> variances, Tensor errors) {
        ParameterLayers layers = ParameterLayers.find(output, params);
        layers.checkCovers(variances, "variances");
        if (!errors.shape().equals(output.shape()) || output.rank() != 2) {
            throw new IllegalArgumentException("errors of shape " + errors.shape() + " for an output of shape "
                    + output.shape() + " (expected [batch, K] for both)");
        }
        if (!layers.all().stream().allMatch(l -> l instanceof DenseLayer)) {
            return OutputJacobians.of(output, params).covarianceProducts(variances, errors);
        }
        Var seed = Var.param(errors.to(output.dtype()));
        List<Var> deltas = layers.backwardGraph(output, seed); // J_lᵀ e at every layer output, differentiable in e
        Var total = null;
        for (int i = 0; i < deltas.size(); i++) {
            DenseLayer d = (DenseLayer) layers.all().get(i);
            double[] u = d.scale(d.weight == null ? null : variances.get(d.weight),
                    d.bias == null ? null : variances.get(d.bias));
            double[] delta = deltas.get(i).value().to(DType.FLOAT64).doubles();
            for (int j = 0; j < u.length; j++) {
                u[j] *= delta[j];
            }
            Var w = Var.constant(Tensor.wrap(u, Shape.of(d.batch, d.outputs)).to(output.dtype()));
            Var term = Ops.sum(Ops.mul(deltas.get(i), w));
            total = total == null ? term : Ops.add(total, term);
        }
        return Grad.grad(total, List.of(seed)).get(0).value().to(DType.FLOAT64);
    }
}
