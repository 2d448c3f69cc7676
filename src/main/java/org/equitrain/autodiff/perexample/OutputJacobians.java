package org.equitrain.autodiff.perexample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * Per-example output Jacobians {@code J_b = ∂f_b/∂θ} (K × P) of an output f [B, K], from K backward passes seeded
 * with the unit vector e_k for every example at once (row k of every J_b comes from pass k). They can be
 * materialised, applied to a vector, or reduced to the per-example prediction covariances
 * {@code V_b = J_b diag(σ²) J_bᵀ} (K × K) that the memory-perturbation equation needs (MPE spec §1, §3
 * "Computation") without forming J_b for dense layers.
 */
public final class OutputJacobians {
    private final ParameterLayers layers;
    private final List<LayerSignals> rows;

    private OutputJacobians(ParameterLayers layers, List<LayerSignals> rows) {
        this.layers = layers;
        this.rows = rows;
    }

    /** K backward passes from {@code output} [B, K]. */
    public static OutputJacobians of(Var output, Map<String, Var> params) {
        if (output.rank() != 2) {
            throw new IllegalArgumentException("output Jacobians need an output [batch, K], got " + output.shape());
        }
        ParameterLayers layers = ParameterLayers.find(output, params);
        int batch = output.dim(0);
        int k = output.dim(1);
        List<LayerSignals> rows = new ArrayList<>();
        for (int r = 0; r < k; r++) {
            double[] seed = new double[batch * k];
            for (int b = 0; b < batch; b++) {
                seed[b * k + r] = 1;
            }
            rows.add(LayerSignals.of(layers, output, Tensor.wrap(seed, batch, k).to(output.dtype())));
        }
        return new OutputJacobians(layers, rows);
    }

    ParameterLayers layers() {
        return layers;
    }

    List<Tensor> deltasOf(Layer l) {
        return rows.stream().map(r -> r.delta(l)).toList();
    }

    /** Number of outputs K. */
    public int outputs() {
        return rows.size();
    }

    /** The batch size B. */
    public int batchSize() {
        return layers.batchSize();
    }

    /** The signals of output k: per-example gradients of {@code f_b[k]}, i.e. row k of every J_b. */
    public LayerSignals row(int k) {
        return rows.get(k);
    }

    /** Every J_b by parameter name: [B, K, ...parameter shape], in the parameters' dtypes. */
    public Map<String, Tensor> materialise() {
        int batch = batchSize();
        int k = outputs();
        List<Map<String, Tensor>> perRow = new ArrayList<>();
        for (LayerSignals row : rows) {
            perRow.add(PerExampleGradients.materialise(row));
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : layers.names()) {
            Tensor j = layers.zeros(name, batch, k);
            int p = j.size() / (batch * k);
            for (int r = 0; r < k; r++) {
                Tensor g = perRow.get(r).get(name);
                for (int b = 0; b < batch; b++) {
                    for (int i = 0; i < p; i++) {
                        j.setFlat((b * k + r) * p + i, g.getFlat(b * p + i));
                    }
                }
            }
            out.put(name, j);
        }
        return out;
    }

    /** {@code J_b v} for every example: [B, K] in float64, without materialising J. */
    public Tensor products(Map<String, Tensor> v) {
        int batch = batchSize();
        int k = outputs();
        double[] out = new double[batch * k];
        for (int r = 0; r < k; r++) {
            double[] col = PerExampleDotProducts.compute(rows.get(r), v).doubles();
            for (int b = 0; b < batch; b++) {
                out[b * k + r] = col[b];
            }
        }
        return Tensor.wrap(out, batch, k);
    }

    /**
     * {@code V_b = J_b diag(σ²) J_bᵀ} for every example: [B, K, K] in float64 (MPE spec §1: V_i = J_i S⁻¹ J_iᵀ with
     * a diagonal posterior covariance S⁻¹ = diag(σ²), e.g. from IVON, Adam or a diagonal-GGN Laplace).
     * {@code variances} has one tensor per requested parameter, of its shape. Dense layers never form J_b.
     */
    public Tensor covariances(Map<String, Tensor> variances) {
        layers.checkCovers(variances, "variances");
        int batch = batchSize();
        int k = outputs();
        double[] acc = new double[batch * k * k];
        for (Layer l : layers.all()) {
            l.addCovariances(deltasOf(l), l.weight == null ? null : variances.get(l.weight),
                    l.bias == null ? null : variances.get(l.bias), acc);
        }
        return Tensor.wrap(acc, batch, k, k);
    }

    /**
     * {@code V_b e_b} for every example and {@code errors} e [B, K]: [B, K] in float64, V_b as in
     * {@link #covariances}; for dense layers without forming V_b (2·K·n per example and layer instead of K²·n). This
     * is the MPE logit shift Δf_b ≈ V_b e_b (spec §2, Eq. 13) with the full covariance.
     */
    public Tensor covarianceProducts(Map<String, Tensor> variances, Tensor errors) {
        layers.checkCovers(variances, "variances");
        int batch = batchSize();
        int k = outputs();
        if (!errors.shape().equals(org.equitrain.tensor.Shape.of(batch, k))) {
            throw new IllegalArgumentException("errors of shape " + errors.shape() + " for " + batch + " examples and "
                    + k + " outputs");
        }
        double[] e = errors.to(DType.FLOAT64).doubles();
        double[] out = new double[batch * k];
        for (Layer l : layers.all()) {
            l.addCovarianceProducts(deltasOf(l), l.weight == null ? null : variances.get(l.weight),
                    l.bias == null ? null : variances.get(l.bias), e, out);
        }
        return Tensor.wrap(out, batch, k);
    }
}
