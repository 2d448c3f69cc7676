package org.equitrain.autodiff.perexample;

import java.util.List;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Gemm;
import org.equitrain.tensor.Tensor;

/**
 * A "linear" node {@code y = z·Wᵀ + b}: the per-example weight gradient is the outer product
 * {@code ∇_W ℓ_b = δ_b z_bᵀ} (FORML spec §3, "Per-layer factorisation"), so every quantity below needs only the
 * stored input rows z_b and the signals δ_b.
 */
final class DenseLayer extends Layer {
    private final Tensor z;
    private final int in;
    private Tensor gramOther; // the inputs of the other batch gram was formed with
    private Tensor gram;

    DenseLayer(Var output, String weight, String bias, int[] weightShape, Tensor input) {
        super("linear", output, weight, bias, weightShape, input.dim(0));
        this.z = input.to(DType.FLOAT64);
        this.in = weightShape[1];
    }

    /** The layer inputs z_b as rows [B, in], float64. */
    Tensor input() {
        return z;
    }

    /**
     * {@code Z·X'ᵀ} [B, V] for the float64 inputs {@code other} [V, in] of another batch, kept for the last
     * {@code other} asked: a FORML step needs it twice, for the look-ahead held-out output ({@link SteppedLinear})
     * and for the Gram-form dot products.
     */
    Tensor gramWith(Tensor other) {
        if (other != gramOther) {
            gram = Gemm.matmul(z, other, false, true);
            gramOther = other;
        }
        return gram;
    }

    @Override
    Tensor weightGradients(Tensor delta) {
        return outerProducts(delta.doubles(), z.doubles());
    }

    @Override
    void addWeightDots(Tensor delta, Tensor v, double[] acc) {
        // ⟨V, δ_b z_bᵀ⟩ = δ_bᵀ V z_b: one GEMM Z·Vᵀ (or Δ·V when the input is the narrower side, a smaller
        // product), then a row-wise dot with δ (or z).
        if (in < outputs) {
            addRowDots(z.doubles(), Gemm.matmul(delta, v.to(DType.FLOAT64), false, false).doubles(), true, acc);
        } else {
            addRowDots(delta.doubles(), Gemm.matmul(z, v.to(DType.FLOAT64), false, true).doubles(), true, acc);
        }
    }

    @Override
    void addWeightDotsWith(Tensor delta, Layer other, Tensor otherDelta, double[] acc) {
        long v = other.batch;
        if (!(other instanceof DenseLayer o) || (long) batch * v * (in + outputs) >= (long) in * outputs * (batch + v)) {
            super.addWeightDotsWith(delta, other, otherDelta, acc); // forming G' costs V·in·out, the dots B·in·out
            return;
        }
        // Gram form (FORML spec §3): ⟨Σ_j δ'_j z'_jᵀ, δ_b z_bᵀ⟩ = Σ_j (z_b·z'_j)(δ_b·δ'_j), two GEMMs Z·Z'ᵀ and
        // Δ·Δ'ᵀ of B·V·(in + out) instead of B·in·out when the other batch is small against the layer.
        double[] zz = gramWith(o.z).doubles();
        double[] dd = Gemm.matmul(delta, otherDelta, false, true).doubles();
        addRowDots(zz, dd, true, acc);
    }

    @Override
    void addWeightSquaredNorms(Tensor delta, double[] acc) {
        // ‖δ_b z_bᵀ‖² = ‖δ_b‖² ‖z_b‖².
        double[] d2 = new double[batch];
        double[] z2 = new double[batch];
        double[] d = delta.doubles();
        addRowDots(d, d, true, d2);
        addRowDots(z.doubles(), z.doubles(), true, z2);
        for (int b = 0; b < batch; b++) {
            acc[b] += d2[b] * z2[b];
        }
    }

    @Override
    void addWeightWeightedSum(Tensor delta, double[] w, Tensor acc, boolean overwrite) {
        // Σ_b w_b δ_b z_bᵀ = (diag(w)·Δ)ᵀ·Z = Δᵀ·(diag(w)·Z): one GEMM accumulated onto acc, scaling the narrower of
        // Δ and Z (FORML spec §3, the real weighted step).
        Tensor d = delta;
        Tensor a = z;
        if (w != null && in < outputs) {
            a = Tensor.wrap(scaleRows(z.doubles(), w), batch, in);
        } else if (w != null) {
            d = Tensor.wrap(scaleRows(delta.doubles(), w), batch, outputs);
        }
        Gemm.gemm(d, 0, a, 0, acc, 0, outputs, in, batch, true, false, 1.0, overwrite ? 0.0 : 1.0);
    }

    @Override
    Tensor weightSquaredGradients(List<Tensor> deltas) {
        // Σ_r (δ_{b,r,o} z_{b,a})² = (Σ_r δ_{b,r,o}²)·z_{b,a}².
        return outerProducts(sumOfSquares(signals(deltas)), squares(z.doubles()));
    }

    @Override
    Tensor weightSummedSquares(List<Tensor> deltas) {
        Tensor d2 = Tensor.wrap(sumOfSquares(signals(deltas)), batch, outputs);
        return Gemm.matmul(d2, Tensor.wrap(squares(z.doubles()), batch, in), true, false);
    }

    @Override
    void addWeightCovariances(List<Tensor> deltas, Tensor variances, double[] acc) {
        addCovariances(deltas, variances, null, acc);
    }

    @Override
    void addCovariances(List<Tensor> deltas, Tensor weightVariances, Tensor biasVariances, double[] acc) {
        addWeightedGrams(signals(deltas), outputs, scale(weightVariances, biasVariances), true, acc);
    }

    @Override
    void addCovarianceProducts(List<Tensor> deltas, Tensor weightVariances, Tensor biasVariances, double[] errors,
            double[] out) {
        addWeightedProducts(signals(deltas), outputs, scale(weightVariances, biasVariances), errors, out);
    }

    /**
     * Σ_{o,a} δ_{k,b,o} z_{b,a} σ²_{o,a} δ_{k',b,o} z_{b,a} + Σ_o δ_{k,b,o} σ²_o δ_{k',b,o}
     *   = Σ_o δ_{k,b,o} u_{b,o} δ_{k',b,o} with u = (Z⊙Z)·(σ²_W)ᵀ + σ²_bias [B, outputs]: one GEMM for the weight
     * (null variances: the parameter is not requested).
     */
    double[] scale(Tensor weightVariances, Tensor biasVariances) {
        double[] u = new double[batch * outputs];
        if (weightVariances != null) {
            squaredInputsTimes(weightVariances.to(DType.FLOAT64), u);
        }
        if (biasVariances != null) {
            double[] s2 = biasVariances.to(DType.FLOAT64).doubles();
            for (int i = 0; i < u.length; i++) {
                u[i] += s2[i % outputs];
            }
        }
        return u;
    }

    /**
     * {@code u = (Z⊙Z)·Sᵀ} for S [outputs, in], by blocks of rows squared into one reused buffer of about 256 KiB
     * rather than a B × in temporary.
     */
    private void squaredInputsTimes(Tensor s, double[] u) {
        int rows = Math.max(1, Math.min(batch, 32768 / in));
        double[] zv = z.doubles();
        Tensor sq = Tensor.zeros(DType.FLOAT64, rows, in);
        double[] q = sq.doubles();
        Tensor out = Tensor.wrap(u, batch, outputs);
        for (int r0 = 0; r0 < batch; r0 += rows) {
            int m = Math.min(rows, batch - r0);
            for (int i = 0, t = r0 * in; i < m * in; i++, t++) {
                q[i] = zv[t] * zv[t];
            }
            Gemm.gemm(sq, 0, s, 0, out, r0 * outputs, m, outputs, in, false, true, 1.0, 0.0);
        }
    }

    @Override
    double[] biasSignal(Tensor delta) {
        return delta.doubles();
    }

    private static List<double[]> signals(List<Tensor> deltas) {
        return deltas.stream().map(Tensor::doubles).toList();
    }

    /** Rows b of the result are the outer products {@code d_b a_bᵀ}: [B, outputs, in]. */
    private Tensor outerProducts(double[] d, double[] a) {
        double[] g = new double[batch * outputs * in];
        for (int b = 0, t = 0; b < batch; b++) {
            for (int o = 0; o < outputs; o++) {
                double s = d[b * outputs + o];
                for (int j = 0, zo = b * in; j < in; j++, t++) {
                    g[t] = s * a[zo + j];
                }
            }
        }
        return Tensor.wrap(g, batch, outputs, in);
    }
}
