package org.equitrain.autodiff.perexample;

import java.util.Arrays;
import java.util.List;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Gemm;
import org.equitrain.tensor.Tensor;

/**
 * One "linear" or "conv2d" node whose weight and/or bias are requested parameters, with its input kept in a form
 * that makes per-example quantities cheap. Everything is computed in float64 from the output-side signal δ of a
 * backward pass (the gradient of the seeded output with respect to the node's output, row b belonging to example b).
 * The bias part is shared: the per-example bias gradient is the signal {@link #biasSignal} e_b (δ_b for a dense
 * layer, δ_b summed over positions for a convolution). Subclasses supply the weight part.
 */
abstract class Layer {
    final String op;
    final Var output;
    final String weight;
    final String bias;
    final int[] weightShape;
    final int batch;
    final int outputs;

    /** {@code weight} and {@code bias} are the requested parameter names, or null when not requested. */
    Layer(String op, Var output, String weight, String bias, int[] weightShape, int batch) {
        this.op = op;
        this.output = output;
        this.weight = weight;
        this.bias = bias;
        this.weightShape = weightShape;
        this.batch = batch;
        this.outputs = weightShape[0];
    }

    /** The names of the requested parameters of this layer (weight first). */
    List<String> names() {
        return weight == null ? List.of(bias) : bias == null ? List.of(weight) : List.of(weight, bias);
    }

    // ---- the weight part, per layer kind; delta is the float64 signal at the node output ----

    /** Per-example weight gradients [B, ...weightShape]. */
    abstract Tensor weightGradients(Tensor delta);

    /** {@code ⟨v, ∇_W ℓ_b⟩} for every example b, added to {@code acc}. */
    abstract void addWeightDots(Tensor delta, Tensor v, double[] acc);

    /** {@code ‖∇_W ℓ_b‖²} for every example b, added to {@code acc}. */
    abstract void addWeightSquaredNorms(Tensor delta, double[] acc);

    /**
     * {@code acc += Σ_b w_b ∇_W ℓ_b} ({@code w} null: every w_b = 1; {@code overwrite}: acc's old content is ignored,
     * acc = the sum), acc float64 of the weight's shape.
     */
    abstract void addWeightWeightedSum(Tensor delta, double[] w, Tensor acc, boolean overwrite);

    /** {@code Σ_r (∇_W^{(r)} ℓ_b)²} per example, [B, ...weightShape], one signal per seed r. */
    abstract Tensor weightSquaredGradients(List<Tensor> deltas);

    /** {@code Σ_b Σ_r (∇_W^{(r)} ℓ_b)²}, shape of the weight. */
    abstract Tensor weightSummedSquares(List<Tensor> deltas);

    /** {@code Σ_p J_b[k, p] σ²_p J_b[k', p]} over the weight's entries p, added to {@code acc} [B, K, K]. */
    abstract void addWeightCovariances(List<Tensor> deltas, Tensor variances, double[] acc);

    /** The per-example bias gradient e [B, outputs] for signal {@code delta}; read-only (may be δ's own storage). */
    abstract double[] biasSignal(Tensor delta);

    // ---- dispatch by parameter name ----

    Tensor gradients(String name, Tensor delta) {
        return name.equals(weight) ? weightGradients(delta) : Tensor.wrap(biasSignal(delta).clone(), batch, outputs);
    }

    void addDots(String name, Tensor delta, Tensor v, double[] acc) {
        if (name.equals(weight)) {
            addWeightDots(delta, v, acc);
        } else {
            addRowDots(biasSignal(delta), v.to(DType.FLOAT64).doubles(), false, acc);
        }
    }

    /**
     * {@code ⟨∇ℓ_b, G'⟩} for the gradient {@code G' = Σ_j ∇ℓ'_j} of the same parameter whose layer and signals on
     * another batch are {@code other} and {@code otherDelta}, added to {@code acc}.
     */
    void addDotsWith(String name, Tensor delta, Layer other, Tensor otherDelta, double[] acc) {
        if (name.equals(weight)) {
            addWeightDotsWith(delta, other, otherDelta, acc);
        } else {
            addRowDots(biasSignal(delta), other.weightedSum(name, otherDelta, null).doubles(), false, acc);
        }
    }

    /** The weight part of {@link #addDotsWith}: forms G' (one GEMM over the other batch), then the dot products. */
    void addWeightDotsWith(Tensor delta, Layer other, Tensor otherDelta, double[] acc) {
        addWeightDots(delta, other.weightedSum(other.weight, otherDelta, null), acc);
    }

    void addSquaredNorms(String name, Tensor delta, double[] acc) {
        if (name.equals(weight)) {
            addWeightSquaredNorms(delta, acc);
        } else {
            double[] e = biasSignal(delta);
            addRowDots(e, e, true, acc);
        }
    }

    /** {@code Σ_b w_b ∇ℓ_b} for parameter {@code name} ({@code w} null: every w_b = 1), float64. */
    Tensor weightedSum(String name, Tensor delta, double[] w) {
        Tensor acc = Tensor.zeros(DType.FLOAT64, name.equals(weight) ? weightShape : new int[] {outputs});
        addWeightedSum(name, delta, w, acc, true);
        return acc;
    }

    /**
     * {@code acc += Σ_b w_b ∇ℓ_b} for parameter {@code name} ({@code w} null: every w_b = 1; {@code overwrite}: acc
     * = the sum, whatever it held), acc float64.
     */
    void addWeightedSum(String name, Tensor delta, double[] w, Tensor acc, boolean overwrite) {
        if (name.equals(weight)) {
            addWeightWeightedSum(delta, w, acc, overwrite);
            return;
        }
        double[] weights = w;
        if (weights == null) {
            weights = new double[batch];
            Arrays.fill(weights, 1.0);
        }
        // Σ_b w_b e_b as the product wᵀ·E [1, B]·[B, outputs], accumulated onto acc
        Gemm.gemm(Tensor.wrap(weights, 1, batch), 0, Tensor.wrap(biasSignal(delta), batch, outputs), 0, acc, 0, 1,
                outputs, batch, false, false, 1.0, overwrite ? 0.0 : 1.0);
    }

    Tensor squaredGradients(String name, List<Tensor> deltas) {
        return name.equals(weight) ? weightSquaredGradients(deltas)
                : Tensor.wrap(sumOfSquares(biasSignals(deltas)), batch, outputs);
    }

    Tensor summedSquares(String name, List<Tensor> deltas) {
        if (name.equals(weight)) {
            return weightSummedSquares(deltas);
        }
        double[] perExample = sumOfSquares(biasSignals(deltas));
        double[] sum = new double[outputs];
        for (int i = 0; i < perExample.length; i++) {
            sum[i % outputs] += perExample[i];
        }
        return Tensor.wrap(sum, outputs);
    }

    /**
     * {@code V_b += J_b diag(σ²) J_bᵀ} over this layer's requested parameters, added to {@code acc} [B, K, K];
     * {@code weightVariances} / {@code biasVariances} are null for a parameter that is not requested.
     */
    void addCovariances(List<Tensor> deltas, Tensor weightVariances, Tensor biasVariances, double[] acc) {
        if (weightVariances != null) {
            addWeightCovariances(deltas, weightVariances, acc);
        }
        if (biasVariances != null) {
            addWeightedGrams(biasSignals(deltas), outputs, biasVariances.to(DType.FLOAT64).doubles(), false, acc);
        }
    }

    /**
     * {@code out[b] += V_b e_b} over this layer's requested parameters, V_b = J_b diag(σ²) J_bᵀ as in
     * {@link #addCovariances}, for {@code errors} e [B, K] and {@code out} [B, K]; by default through the K×K matrices.
     */
    void addCovarianceProducts(List<Tensor> deltas, Tensor weightVariances, Tensor biasVariances, double[] errors,
            double[] out) {
        int k = deltas.size();
        double[] v = new double[batch * k * k];
        addCovariances(deltas, weightVariances, biasVariances, v);
        for (int b = 0; b < batch; b++) {
            for (int r = 0; r < k; r++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += v[(b * k + r) * k + c] * errors[b * k + c];
                }
                out[b * k + r] += s;
            }
        }
    }

    private List<double[]> biasSignals(List<Tensor> deltas) {
        return deltas.stream().map(this::biasSignal).toList();
    }

    // ---- kernels shared by the layer kinds ----

    /** {@code acc[b] += Σ_j a[b, j]·v[b, j]} (or {@code v[j]} when {@code v} is one shared row). */
    static void addRowDots(double[] a, double[] v, boolean perRow, double[] acc) {
        int n = a.length / acc.length;
        for (int b = 0, t = 0; b < acc.length; b++) {
            double s = 0;
            int off = perRow ? b * n : 0;
            for (int j = 0; j < n; j++, t++) {
                s += a[t] * v[off + j];
            }
            acc[b] += s;
        }
    }

    /** Elementwise {@code Σ_r s_r²} of equally long arrays. */
    static double[] sumOfSquares(List<double[]> signals) {
        double[] sum = new double[signals.get(0).length];
        for (double[] s : signals) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += s[i] * s[i];
            }
        }
        return sum;
    }

    /**
     * {@code acc[b, k, k'] += Σ_j D_k[b, j]·scale[b, j]·D_k'[b, j]} for the K signals {@code D_k} [B, n] (scale
     * [B, n], or [n] shared by all examples): the per-example Gram matrices {@code (D_b ⊙ scale) D_bᵀ} as rank-one
     * updates {@code scale[b, j]·c cᵀ} with c = (D_1[b, j], …, D_K[b, j]). Columns that are zero (a unit that is
     * off for example b) are skipped, partly zero ones (a last layer's one-hot signals) use only their nonzeros.
     */
    static void addWeightedGrams(List<double[]> signals, int n, double[] scale, boolean perExampleScale,
            double[] acc) {
        int k = signals.size();
        double[][] d = signals.toArray(new double[0][]);
        int batch = d[0].length / n;
        double[] c = new double[k];
        int[] nonzero = new int[k];
        double[] gram = new double[k * k];
        for (int b = 0; b < batch; b++) {
            Arrays.fill(gram, 0);
            for (int j = 0, t = b * n; j < n; j++, t++) {
                int m = 0;
                for (int r = 0; r < k; r++) {
                    double v = d[r][t];
                    c[r] = v;
                    nonzero[m] = r;
                    m += v != 0 ? 1 : 0;
                }
                double s = scale[perExampleScale ? t : j];
                if (m == k) {
                    for (int p = 0; p < k; p++) {
                        rankOneRow(gram, p * k, c[p] * s, c);
                    }
                } else {
                    for (int x = 0; x < m; x++) {
                        int p = nonzero[x];
                        double cs = c[p] * s;
                        for (int y = 0; y < m; y++) {
                            gram[p * k + nonzero[y]] += cs * c[nonzero[y]];
                        }
                    }
                }
            }
            for (int i = 0, base = b * k * k; i < gram.length; i++) {
                acc[base + i] += gram[i];
            }
        }
    }

    /**
     * {@code out[b, k] += Σ_j D_k[b, j]·scale[b, j]·t[b, j]} with {@code t[b, j] = Σ_k' D_k'[b, j]·e[b, k']}: the
     * product {@code (D_b diag(scale_b) D_bᵀ) e_b} of {@link #addWeightedGrams} with a vector, in 2·K·n per example
     * instead of K²·n and without the K×K matrix.
     */
    static void addWeightedProducts(List<double[]> signals, int n, double[] scale, double[] e, double[] out) {
        int k = signals.size();
        double[][] d = signals.toArray(new double[0][]);
        int batch = d[0].length / n;
        double[] t = new double[n];
        for (int b = 0; b < batch; b++) {
            int off = b * n;
            Arrays.fill(t, 0);
            for (int r = 0; r < k; r++) {
                axpy(e[b * k + r], d[r], off, t);
            }
            for (int j = 0; j < n; j++) {
                t[j] *= scale[off + j];
            }
            for (int r = 0; r < k; r++) {
                double[] row = d[r];
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += row[off + j] * t[j];
                }
                out[b * k + r] += s;
            }
        }
    }

    /** {@code t[j] += a·x[off + j]} for every j of t. */
    private static void axpy(double a, double[] x, int off, double[] t) {
        for (int j = 0; j < t.length; j++) {
            t[j] += a * x[off + j];
        }
    }

    /** {@code gram[row + q] += a·c[q]} for every q. */
    private static void rankOneRow(double[] gram, int row, double a, double[] c) {
        for (int q = 0; q < c.length; q++) {
            gram[row + q] += a * c[q];
        }
    }

    /** Row b of {@code d} (rows of equal length) times {@code w[b]}. */
    static double[] scaleRows(double[] d, double[] w) {
        int n = d.length / w.length;
        double[] s = new double[d.length];
        for (int b = 0, t = 0; b < w.length; b++) {
            for (int j = 0; j < n; j++, t++) {
                s[t] = w[b] * d[t];
            }
        }
        return s;
    }

    static double[] squares(double[] a) {
        double[] s = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i] * a[i];
        }
        return s;
    }
}
