package org.equitrain.sensitivity.nn;

import java.util.Map;
import org.equitrain.autodiff.Var;
import org.equitrain.autodiff.perexample.KroneckerFactors;
import org.equitrain.autodiff.perexample.OutputJacobians;
import org.equitrain.tensor.Tensor;

/** The K-FAC Laplace posterior (A ⊗ B + δI)⁻¹ per linear layer (MPE spec §3 "Laplace, K-FAC"). */
public record KroneckerPosterior(KroneckerFactors.Inverse inverse) implements PosteriorCovariance {

    @Override
    public Tensor predictionCovariances(Var logits, Map<String, Var> params) {
        return inverse.covariances(OutputJacobians.of(logits, params));
    }

    @Override
    public Map<String, Tensor> solve(Map<String, Tensor> g) {
        return inverse.solve(g);
    }
}
