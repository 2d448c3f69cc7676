package org.equitrain.autodiff.perexample;

import java.util.List;
import org.equitrain.autodiff.Conv;
import org.equitrain.autodiff.Conv2dAttributes;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Gemm;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.Tensor;

/**
 * A "conv2d" node. With the input's im2col patches C_b [P, L] (P = C·kh·kw, L = Ho·Wo positions) and the signal
 * δ_b [O, L], the per-example weight gradient is {@code ∇_W ℓ_b = δ_b C_bᵀ}: the dense factorisation summed over
 * positions (FORML spec §3). Dot products use it without forming the gradient; squared norms, squared gradients and
 * Jacobian covariances form it one example at a time, so memory stays at one weight-sized buffer per output.
 */
final class Conv2dLayer extends Layer {
    private final Tensor cols;
    private final int patch;
    private final int positions;

    Conv2dLayer(Var output, String weight, String bias, int[] weightShape, Tensor input, Conv2dAttributes attrs) {
        super("conv2d", output, weight, bias, weightShape, input.dim(0));
        this.cols = Conv.im2col(input.to(DType.FLOAT64), attrs.windows(input.shape(), Shape.of(weightShape)));
        this.patch = cols.dim(1);
        this.positions = cols.dim(2);
    }

    @Override
    Tensor weightGradients(Tensor delta) {
        return Gemm.matmul(signal(delta), cols, false, true).reshape(perExampleShape());
    }

    @Override
    void addWeightDots(Tensor delta, Tensor v, double[] acc) {
        // ⟨V, δ_b C_bᵀ⟩ = Σ_{o,l} δ_b[o, l]·(V C_b)[o, l]: one (batched) GEMM V·C, then a row-wise dot with δ.
        Tensor vc = Gemm.matmul(v.to(DType.FLOAT64).reshape(outputs, patch), cols, false, false);
        addRowDots(delta.doubles(), vc.doubles(), true, acc);
    }

    @Override
    void addWeightSquaredNorms(Tensor delta, double[] acc) {
        Tensor g = Tensor.zeros(DType.FLOAT64, outputs, patch);
        for (int b = 0; b < batch; b++) {
            exampleGradient(delta, b, g, 0);
            acc[b] += squaredNorm(g.doubles());
        }
    }

    @Override
    void addWeightWeightedSum(Tensor delta, double[] w, Tensor acc, boolean overwrite) {
        // Σ_b w_b δ_b C_bᵀ: one GEMM accumulated over the batch (FORML spec §3, the real weighted step).
        Tensor weighted = w == null ? delta.reshape(batch, outputs, positions)
                : Tensor.wrap(scaleRows(delta.doubles(), w), batch, outputs, positions);
        Tensor g = Conv.weightGradient(cols, weighted, Shape.of(weightShape));
        if (overwrite) {
            System.arraycopy(g.doubles(), 0, acc.doubles(), 0, g.size());
        } else {
            acc.axpyInPlace(1.0, g);
        }
    }

    @Override
    Tensor weightSquaredGradients(List<Tensor> deltas) {
        double[] sum = new double[batch * outputs * patch];
        for (Tensor delta : deltas) {
            double[] g = weightGradients(delta).doubles();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += g[i] * g[i];
            }
        }
        return Tensor.wrap(sum, perExampleShape());
    }

    @Override
    Tensor weightSummedSquares(List<Tensor> deltas) {
        Tensor g = Tensor.zeros(DType.FLOAT64, outputs, patch);
        double[] gv = g.doubles();
        double[] sum = new double[gv.length];
        for (int b = 0; b < batch; b++) {
            for (Tensor delta : deltas) {
                exampleGradient(delta, b, g, 0);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += gv[i] * gv[i];
                }
            }
        }
        return Tensor.wrap(sum, weightShape);
    }

    @Override
    void addWeightCovariances(List<Tensor> deltas, Tensor variances, double[] acc) {
        addPatchCovariances(deltas, cols, variances.to(DType.FLOAT64).doubles(), acc);
    }

    /**
     * {@code V_b += (J_b ⊙ w) J_bᵀ} with row k of J_b [K, O·P] the weight gradient {@code δ_{k,b} C_bᵀ} of signals
     * {@code deltas} [B, O, L] and patches {@code patches} [B, P, L] (the layer's own, or rotated ones for K-FAC),
     * formed one example at a time; {@code w} has the weight's O·P entries.
     */
    void addPatchCovariances(List<Tensor> deltas, Tensor patches, double[] w, double[] acc) {
        int k = deltas.size();
        int n = outputs * patch;
        Tensor j = Tensor.zeros(DType.FLOAT64, k, n);
        Tensor js = Tensor.zeros(DType.FLOAT64, k, n);
        Tensor v = Tensor.wrap(acc, acc.length);
        for (int b = 0; b < batch; b++) {
            for (int r = 0; r < k; r++) {
                Gemm.gemm(deltas.get(r), b * outputs * positions, patches, b * patch * positions, j, r * n, outputs,
                        patch, positions, false, true, 1.0, 0.0);
            }
            double[] jv = j.doubles();
            double[] jsv = js.doubles();
            for (int i = 0; i < jv.length; i++) {
                jsv[i] = jv[i] * w[i % n];
            }
            Gemm.gemm(js, 0, j, 0, v, b * k * k, k, k, n, false, true, 1.0, 1.0);
        }
    }

    /** The im2col patches C_b as [B, P, L], float64. */
    Tensor patches() {
        return cols;
    }

    /** The positions L = Ho·Wo of the output. */
    int positions() {
        return positions;
    }

    @Override
    double[] biasSignal(Tensor delta) {
        double[] d = delta.doubles();
        double[] e = new double[batch * outputs];
        for (int i = 0; i < e.length; i++) {
            double s = 0;
            for (int l = i * positions, end = l + positions; l < end; l++) {
                s += d[l];
            }
            e[i] = s;
        }
        return e;
    }

    /** Writes {@code δ_b C_bᵀ} [O, P] into {@code out} at {@code offset}. */
    private void exampleGradient(Tensor delta, int b, Tensor out, int offset) {
        Gemm.gemm(delta, b * outputs * positions, cols, b * patch * positions, out, offset, outputs, patch,
                positions, false, true, 1.0, 0.0);
    }

    private Tensor signal(Tensor delta) {
        return delta.reshape(batch, outputs, positions);
    }

    private int[] perExampleShape() {
        int[] dims = new int[weightShape.length + 1];
        dims[0] = batch;
        System.arraycopy(weightShape, 0, dims, 1, weightShape.length);
        return dims;
    }

    private static double squaredNorm(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x * x;
        }
        return s;
    }
}
