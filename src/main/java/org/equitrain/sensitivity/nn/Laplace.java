package org.equitrain.sensitivity.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.equitrain.autodiff.perexample.GaussNewton;
import org.equitrain.autodiff.perexample.KroneckerFactors;
import org.equitrain.autodiff.perexample.OutputHessian;
import org.equitrain.tensor.Tensor;

/**
 * Post-hoc Laplace posteriors of a softmax classifier at its current parameters, from the GGN summed over the
 * training set in minibatches (MPE spec §3): diagonal, or K-FAC for networks of linear and convolution layers.
 */
public final class Laplace {
    private Laplace() {
    }

    /** σ²_p = 1/(Σ_i diag(J_iᵀ Λ_i J_i)_p + δ), Λ_i = diag(p_i) − p_i p_iᵀ. */
    public static DiagonalPosterior diagonal(Classifier model, Tensor x, int batchSize, double prior) {
        Map<String, double[]> sum = new LinkedHashMap<>();
        forEachBatch(x.dim(0), batchSize, idx -> {
            Classifier.JacobianGraph g = model.jacobianGraph(Classifier.rows(x, idx));
            GaussNewton ggn = GaussNewton.of(g.logits(), OutputHessian.softmaxCrossEntropy(), g.params());
            ggn.diagonal().forEach((name, d) -> {
                double[] s = sum.computeIfAbsent(name, k -> new double[d.size()]);
                for (int j = 0; j < s.length; j++) {
                    s[j] += d.getFlat(j);
                }
            });
        });
        Map<String, Tensor> diag = new LinkedHashMap<>();
        sum.forEach((name, s) -> diag.put(name, Tensor.wrap(s, model.params().get(name).shape())));
        return DiagonalPosterior.laplace(diag, prior);
    }

    /**
     * K-FAC of the GGN, per linear or convolution layer, inverted with the prior added to the Kronecker
     * eigenvalues.
     */
    public static KroneckerPosterior kfac(Classifier model, Tensor x, int batchSize, double prior) {
        KroneckerFactors factors = new KroneckerFactors();
        forEachBatch(x.dim(0), batchSize, idx -> {
            Classifier.JacobianGraph g = model.jacobianGraph(Classifier.rows(x, idx));
            factors.add(GaussNewton.of(g.logits(), OutputHessian.softmaxCrossEntropy(), g.params()));
        });
        return new KroneckerPosterior(factors.invert(prior));
    }

    static void forEachBatch(int n, int batchSize, java.util.function.Consumer<int[]> body) {
        Classifier.checkBatchSize(batchSize);
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            int[] idx = new int[end - start];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = start + i;
            }
            body.accept(idx);
        }
    }
}
