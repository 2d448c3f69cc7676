package org.equitrain.autodiff.perexample;

import org.equitrain.tensor.DType;
import org.equitrain.tensor.Gemm;
import org.equitrain.tensor.Tensor;

/**
 * The output of a dense layer of the signals on other inputs X' after a weighted step of its parameters,
 * {@code X'(W + Σ_b w_b δ_b z_bᵀ)ᵀ + b + Σ_b w_b δ_b}, without forming the stepped weight (FORML spec §3, the
 * per-layer factorisation): {@code X'Wᵀ + (X'Zᵀ diag(w)) Δ}, V·in·out + V·B·(in + out) instead of the B·in·out of
 * the step, e.g. a held-out batch of V rows at a look-ahead point when V·(in + out) &lt; in·out.
 */
public final class SteppedLinear {
    private SteppedLinear() {
    }

    /** Whether the factorised output is cheaper than forming the step, for layer inputs [rows, in] and W [out, in]. */
    public static boolean cheaper(int rows, int in, int out) {
        return (long) rows * (in + out) < (long) in * out;
    }

    /**
     * {@code x} [V, in] through the linear layer whose weight is parameter {@code weight} of the signals, at values
     * {@code w} [out, in] and {@code b} [out] (null: no bias) stepped by {@code Σ_b weights_b ∇ℓ_b}; float64 [V, out].
     * The bias is stepped when the signals requested it.
     */
    public static Tensor output(LayerSignals s, String weight, Tensor weights, Tensor x, Tensor w, Tensor b) {
        Layer l = s.layers.layerOf(weight);
        if (!(l instanceof DenseLayer dense) || !weight.equals(l.weight)) {
            throw new IllegalArgumentException("parameter '" + weight + "' is not the weight of a linear layer of "
                    + "these signals");
        }
        double[] c = PerExampleGradients.checkWeights(s, weights);
        int rows = x.dim(0);
        int out = w.dim(0);
        int in = w.dim(1);
        if (x.rank() != 2 || x.dim(1) != in) {
            throw new IllegalArgumentException("inputs of shape " + x.shape() + " for a weight of shape "
                    + w.shape());
        }
        double[] delta = s.delta(l).doubles();
        double[] bias = new double[out];
        if (b != null) {
            System.arraycopy(b.to(DType.FLOAT64).doubles(), 0, bias, 0, out);
            if (l.bias != null) { // b + Σ_b w_b δ_b
                for (int i = 0, t = 0; i < c.length; i++) {
                    for (int o = 0; o < out; o++, t++) {
                        bias[o] += c[i] * delta[t];
                    }
                }
            }
        }
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bias, 0, y, r * out, out);
        }
        Tensor result = Tensor.wrap(y, rows, out);
        Tensor x64 = x.to(DType.FLOAT64);
        Gemm.gemm(x64, 0, w.to(DType.FLOAT64), 0, result, 0, rows, out, in, false, true, 1.0, 1.0);
        double[] g = dense.gramWith(x64).doubles(); // Z·X'ᵀ [B, V], shared with the Gram-form dot products
        double[] k = new double[g.length]; // diag(w)·Z·X'ᵀ
        for (int i = 0, t = 0; i < c.length; i++) {
            for (int r = 0; r < rows; r++, t++) {
                k[t] = c[i] * g[t];
            }
        }
        Gemm.gemm(Tensor.wrap(k, c.length, rows), 0, s.delta(l), 0, result, 0, rows, out, c.length, true, false,
                1.0, 1.0);
        return result;
    }
}
