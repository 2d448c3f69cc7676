package org.equitrain.autodiff.perexample;

import dev.ludovic.netlib.lapack.LAPACK;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Gemm;
import org.equitrain.tensor.Tensor;
import org.netlib.util.intW;

/**
 * K-FAC factors of the generalized Gauss-Newton matrix of linear and convolution layers (MPE spec §3 "Laplace,
 * K-FAC"; Martens &amp; Grosse 2015, and KFC, Grosse &amp; Martens 2016, for convolutions). For a dense layer with
 * inputs z_b and the GGN signals δ_{b,r} of {@link GaussNewton} (Λ_b = Σ_r s_r s_rᵀ backpropagated), the weight
 * block Σ_b (z_b z_bᵀ) ⊗ (Σ_r δ_{b,r} δ_{b,r}ᵀ) is approximated by A ⊗ B with A = (1/N) Σ_b z_b z_bᵀ and
 * B = Σ_b Σ_r δ_{b,r} δ_{b,r}ᵀ. A convolution with patches c_{b,l} and signals δ_{b,r,l} at its L output positions
 * uses KFC's factors A = (1/N) Σ_b Σ_l c_{b,l} c_{b,l}ᵀ and B = (1/L) Σ_b Σ_r Σ_l δ_{b,r,l} δ_{b,r,l}ᵀ (derivatives
 * spatially uncorrelated and homogeneous). Biases are split off with their exact block Σ_b Σ_r e_{b,r} e_{b,r}ᵀ
 * (e the per-example bias gradient: B itself for a dense layer). Add minibatches with {@link #add}, then
 * {@link #invert} with the prior precision δ.
 *
 * <pre>{@code
 * KroneckerFactors kfac = new KroneckerFactors();
 * for (batch : data) kfac.add(GaussNewton.of(model(batch), OutputHessian.softmaxCrossEntropy(), params));
 * KroneckerFactors.Inverse post = kfac.invert(delta);
 * Tensor v = post.covariances(OutputJacobians.of(logits, params));  // V_b = J_b (A⊗B + δI)⁻¹ J_bᵀ
 * }</pre>
 */
public final class KroneckerFactors {
    private static final LAPACK LAPACK_IMPL = LAPACK.getInstance();

    private final Map<String, Factors> layers = new LinkedHashMap<>();
    private long examples;

    /** Running sums for one layer, keyed by its weight name (its bias name when only the bias is requested). */
    private static final class Factors {
        final String weight;
        final String bias;
        final int in;
        final int out;
        final double[] a;
        final double[] b;
        final double[] biasBlock; // null for a dense layer, whose bias block is B

        Factors(Layer l) {
            this.weight = l.weight;
            this.bias = l.bias;
            this.in = l instanceof Conv2dLayer c ? c.patches().dim(1) : ((DenseLayer) l).input().dim(1);
            this.out = l.outputs;
            this.a = new double[in * in];
            this.b = new double[out * out];
            this.biasBlock = l instanceof Conv2dLayer && bias != null ? new double[out * out] : null;
        }
    }

    /**
     * Adds the factors of one minibatch: A += Σ_b z_b z_bᵀ, B += Σ_b Σ_r δ_{b,r} δ_{b,r}ᵀ for dense layers; for
     * convolutions A += Σ_b C_b C_bᵀ, B += (1/L) Σ_b Σ_r δ_{b,r} δ_{b,r}ᵀ (sums over positions) and the bias block.
     */
    public void add(GaussNewton ggn) {
        for (Layer l : ggn.layers().all()) {
            Factors f = layers.computeIfAbsent(key(l), k -> new Factors(l));
            List<Tensor> deltas = ggn.deltasOf(l);
            if (l instanceof DenseLayer d) {
                accumulate(f.a, Gemm.matmul(d.input(), d.input(), true, false));
                for (Tensor delta : deltas) {
                    accumulate(f.b, Gemm.matmul(delta, delta, true, false));
                }
                continue;
            }
            Conv2dLayer c = (Conv2dLayer) l;
            int positions = c.positions();
            addExampleProducts(c.patches(), f.in, positions, 1.0, f.a);
            for (Tensor delta : deltas) {
                addExampleProducts(delta, f.out, positions, 1.0 / positions, f.b);
                if (f.biasBlock != null) {
                    Tensor e = Tensor.wrap(c.biasSignal(delta), c.batch, f.out);
                    accumulate(f.biasBlock, Gemm.matmul(e, e, true, false));
                }
            }
        }
        examples += ggn.layers().batchSize();
    }

    /** {@code sum += scale·Σ_b M_b M_bᵀ} for the per-example matrices M_b [rows, cols] of {@code m} [B, rows, cols]. */
    private static void addExampleProducts(Tensor m, int rows, int cols, double scale, double[] sum) {
        Tensor out = Tensor.wrap(sum, rows, rows);
        for (int b = 0; b < m.dim(0); b++) {
            Gemm.gemm(m, b * rows * cols, m, b * rows * cols, out, 0, rows, rows, cols, false, true, scale, 1.0);
        }
    }

    /** Number of examples added. */
    public long examples() {
        return examples;
    }

    /**
     * The posterior precision per layer, A ⊗ B + δI (weights) and B + δI (biases), by eigendecompositions
     * A = Q_A diag(l_A) Q_Aᵀ, B = Q_B diag(l_B) Q_Bᵀ with the prior added to the Kronecker eigenvalues,
     * (l_A ⊗ l_B + δ)⁻¹, and no damping (spec §3).
     */
    public Inverse invert(double prior) {
        if (!(prior > 0) || Double.isInfinite(prior)) {
            throw new IllegalArgumentException("K-FAC: prior precision must be finite and > 0, got " + prior);
        }
        if (examples == 0) {
            throw new IllegalStateException("K-FAC: no minibatch was added");
        }
        List<Eigen> out = new ArrayList<>();
        for (Factors f : layers.values()) {
            double[] a = f.a.clone();
            for (int i = 0; i < a.length; i++) {
                a[i] /= examples;
            }
            Decomposition b = eigen(f.b.clone(), f.out);
            out.add(new Eigen(f.weight, f.bias, f.in, f.out, eigen(a, f.in), b,
                    f.biasBlock == null ? b : eigen(f.biasBlock.clone(), f.out)));
        }
        return new Inverse(out, prior);
    }

    /** Eigenvectors as the rows of a row-major matrix (Qᵀ) followed by the eigenvalues, clamped at 0. */
    private record Decomposition(Tensor qt, double[] values) {
    }

    /** The decompositions of A, B and the bias block (B itself for a dense layer). */
    private record Eigen(String weight, String bias, int in, int out, Decomposition a, Decomposition b,
            Decomposition biasBlock) {
    }

    /** (A ⊗ B + δI)⁻¹ per layer, applied to output Jacobians or to parameter-shaped vectors. */
    public static final class Inverse {
        private final Map<String, Eigen> byKey = new LinkedHashMap<>();
        private final double prior;

        private Inverse(List<Eigen> layers, double prior) {
            for (Eigen e : layers) {
                byKey.put(e.weight != null ? e.weight : e.bias, e);
            }
            this.prior = prior;
        }

        /** V_b = J_b P⁻¹ J_bᵀ for every example: [B, K, K] in float64 (MPE spec §3: V_i = J_i P⁻¹ J_iᵀ). */
        public Tensor covariances(OutputJacobians jac) {
            int batch = jac.batchSize();
            int k = jac.outputs();
            double[] acc = new double[batch * k * k];
            for (Layer l : jac.layers().all()) {
                Eigen e = eigenOf(l);
                List<Tensor> deltas = jac.deltasOf(l);
                if (l.bias != null) {
                    // Σ_o ẽ_{k,o} ẽ_{k',o} / (l_o + δ) with ẽ = Q_biasᵀ e, e the per-example bias gradient.
                    List<double[]> rotated = new ArrayList<>();
                    for (Tensor delta : deltas) {
                        Tensor signal = Tensor.wrap(l.biasSignal(delta), batch, e.out);
                        rotated.add(Gemm.matmul(signal, e.biasBlock.qt, false, true).doubles());
                    }
                    double[] w = new double[e.out];
                    for (int o = 0; o < e.out; o++) {
                        w[o] = 1 / (e.biasBlock.values[o] + prior);
                    }
                    Layer.addWeightedGrams(rotated, e.out, w, false, acc);
                }
                if (l.weight != null) {
                    addWeightCovariances(l, e, deltas, acc);
                }
            }
            return Tensor.wrap(acc, batch, k, k);
        }

        /**
         * Σ_{o,a} J̃_b[k, (o,a)] J̃_b[k', (o,a)] / (l_B,o l_A,a + δ) with J̃_b = Q_Bᵀ J_b Q_A: the signals rotated by
         * Q_B and the inputs (patches) by Q_A.
         */
        private void addWeightCovariances(Layer l, Eigen e, List<Tensor> deltas, double[] acc) {
            int batch = l.batch;
            if (l instanceof DenseLayer d) {
                List<double[]> rotated = new ArrayList<>();
                for (Tensor delta : deltas) {
                    rotated.add(Gemm.matmul(delta, e.b.qt, false, true).doubles()); // δ̃ = Q_Bᵀ δ per example
                }
                // u = (z̃ ⊙ z̃)·Wᵀ, W[o,a] = 1/(l_B,o l_A,a + δ).
                double[] zt = Gemm.matmul(d.input(), e.a.qt, false, true).doubles();
                Tensor u = Gemm.matmul(Tensor.wrap(Layer.squares(zt), batch, e.in), inverseEigenvalues(e), false,
                        true);
                Layer.addWeightedGrams(rotated, e.out, u.doubles(), true, acc);
                return;
            }
            Conv2dLayer c = (Conv2dLayer) l;
            int positions = c.positions();
            List<Tensor> rotated = new ArrayList<>();
            for (Tensor delta : deltas) { // Q_Bᵀ δ_b [O, L] for every example (batched GEMM)
                rotated.add(Gemm.matmul(e.b.qt, delta.reshape(batch, e.out, positions), false, false));
            }
            Tensor patches = Gemm.matmul(e.a.qt, c.patches(), false, false); // Q_Aᵀ C_b [P, L]
            c.addPatchCovariances(rotated, patches, inverseEigenvalues(e).doubles(), acc);
        }

        /** P⁻¹ g for parameter-shaped g (weights: Q_B[(Q_Bᵀ G Q_A) / (l_B l_Aᵀ + δ)]Q_Aᵀ), float64 tensors. */
        public Map<String, Tensor> solve(Map<String, Tensor> g) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> entry : g.entrySet()) {
                String name = entry.getKey();
                Eigen e = byParameter(name);
                Tensor x = entry.getValue().to(DType.FLOAT64);
                if (name.equals(e.weight)) {
                    Tensor gt = Gemm.matmul(Gemm.matmul(e.b.qt, x.reshape(e.out, e.in), false, false), e.a.qt,
                            false, true);
                    double[] w = inverseEigenvalues(e).doubles();
                    double[] v = gt.doubles().clone();
                    for (int i = 0; i < v.length; i++) {
                        v[i] *= w[i];
                    }
                    Tensor back = Gemm.matmul(Gemm.matmul(e.b.qt, Tensor.wrap(v, e.out, e.in), true, false),
                            e.a.qt, false, false);
                    out.put(name, back.reshape(x.shape()));
                } else {
                    Decomposition d = e.biasBlock;
                    double[] v = Gemm.matmul(d.qt, x.reshape(e.out, 1), false, false).doubles().clone();
                    for (int o = 0; o < v.length; o++) {
                        v[o] /= d.values[o] + prior;
                    }
                    out.put(name, Gemm.matmul(d.qt, Tensor.wrap(v, e.out, 1), true, false).reshape(x.shape()));
                }
            }
            return out;
        }

        private Tensor inverseEigenvalues(Eigen e) {
            double[] w = new double[e.out * e.in];
            for (int o = 0; o < e.out; o++) {
                for (int a = 0; a < e.in; a++) {
                    w[o * e.in + a] = 1 / (e.b.values[o] * e.a.values[a] + prior);
                }
            }
            return Tensor.wrap(w, e.out, e.in);
        }

        private Eigen eigenOf(Layer l) {
            Eigen e = byKey.get(key(l));
            if (e == null || e.out != l.outputs) {
                throw new IllegalArgumentException("K-FAC: no factors for the layer of '" + key(l)
                        + "'; factors exist for " + byKey.keySet());
            }
            return e;
        }

        private Eigen byParameter(String name) {
            for (Eigen e : byKey.values()) {
                if (name.equals(e.weight) || name.equals(e.bias)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("K-FAC: no factors for parameter '" + name + "'; factors exist for "
                    + byKey.keySet());
        }
    }

    private static String key(Layer l) {
        return l.weight != null ? l.weight : l.bias;
    }

    private static void accumulate(double[] sum, Tensor add) {
        double[] v = add.doubles();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += v[i];
        }
    }

    private static Decomposition eigen(double[] symmetric, int n) {
        double[] w = new double[n];
        intW info = new intW(0);
        double[] query = new double[1];
        LAPACK_IMPL.dsyev("V", "L", n, symmetric, n, w, query, -1, info);
        int lwork = Math.max(1, (int) query[0]);
        LAPACK_IMPL.dsyev("V", "L", n, symmetric, n, w, new double[lwork], lwork, info);
        if (info.val != 0) {
            throw new IllegalStateException("K-FAC: LAPACK dsyev failed on a " + n + "×" + n + " factor (info "
                    + info.val + ")");
        }
        for (int i = 0; i < n; i++) {
            w[i] = Math.max(w[i], 0);
        }
        // Column-major eigenvectors read row-major are Qᵀ: row i is eigenvector i.
        return new Decomposition(Tensor.wrap(symmetric, n, n), w);
    }
}
