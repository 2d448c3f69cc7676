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
 * K-FAC factors of the generalized Gauss-Newton matrix of linear layers (MPE spec §3 "Laplace, K-FAC"; Martens &amp;
 * Grosse 2015). For a layer with inputs z_b and the GGN signals δ_{b,r} of {@link GaussNewton} (Λ_b = Σ_r s_r s_rᵀ
 * backpropagated), the weight block Σ_b (z_b z_bᵀ) ⊗ (Σ_r δ_{b,r} δ_{b,r}ᵀ) is approximated by A ⊗ B with
 * A = (1/N) Σ_b z_b z_bᵀ and B = Σ_b Σ_r δ_{b,r} δ_{b,r}ᵀ; the bias block is B itself (biases split off). Add
 * minibatches with {@link #add}, then {@link #invert} with the prior precision δ.
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

        Factors(Layer l, int in) {
            this.weight = l.weight;
            this.bias = l.bias;
            this.in = in;
            this.out = l.outputs;
            this.a = new double[in * in];
            this.b = new double[out * out];
        }
    }

    /** Adds the factors of one minibatch: A += Σ_b z_b z_bᵀ, B += Σ_b Σ_r δ_{b,r} δ_{b,r}ᵀ. */
    public void add(GaussNewton ggn) {
        for (Layer l : ggn.layers().all()) {
            DenseLayer d = dense(l);
            Factors f = layers.computeIfAbsent(key(l), k -> new Factors(l, d.input().dim(1)));
            accumulate(f.a, Gemm.matmul(d.input(), d.input(), true, false));
            for (Tensor delta : ggn.deltasOf(l)) {
                accumulate(f.b, Gemm.matmul(delta, delta, true, false));
            }
        }
        examples += ggn.layers().batchSize();
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
            out.add(new Eigen(f.weight, f.bias, f.in, f.out, eigen(a, f.in), eigen(f.b.clone(), f.out)));
        }
        return new Inverse(out, prior);
    }

    /** Eigenvectors as the rows of a row-major matrix (Qᵀ) followed by the eigenvalues, clamped at 0. */
    private record Decomposition(Tensor qt, double[] values) {
    }

    private record Eigen(String weight, String bias, int in, int out, Decomposition a, Decomposition b) {
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
                DenseLayer d = dense(l);
                Eigen e = eigenOf(l);
                List<double[]> rotated = new ArrayList<>();
                for (Tensor delta : jac.deltasOf(l)) {
                    rotated.add(Gemm.matmul(delta, e.b.qt, false, true).doubles()); // δ̃ = Q_Bᵀ δ per example
                }
                if (l.bias != null) {
                    double[] w = new double[e.out];
                    for (int o = 0; o < e.out; o++) {
                        w[o] = 1 / (e.b.values[o] + prior);
                    }
                    Layer.addWeightedGrams(rotated, e.out, w, false, acc);
                }
                if (l.weight != null) {
                    // Σ_{o,a} δ̃_{k,o} z̃_a² δ̃_{k',o} / (l_B,o l_A,a + δ): u = (z̃ ⊙ z̃)·Wᵀ, W[o,a] = 1/(l_B,o l_A,a + δ).
                    double[] zt = Gemm.matmul(d.input(), e.a.qt, false, true).doubles();
                    Tensor u = Gemm.matmul(Tensor.wrap(Layer.squares(zt), batch, e.in), inverseEigenvalues(e),
                            false, true);
                    Layer.addWeightedGrams(rotated, e.out, u.doubles(), true, acc);
                }
            }
            return Tensor.wrap(acc, batch, k, k);
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
                    double[] v = Gemm.matmul(e.b.qt, x.reshape(e.out, 1), false, false).doubles().clone();
                    for (int o = 0; o < v.length; o++) {
                        v[o] /= e.b.values[o] + prior;
                    }
                    out.put(name, Gemm.matmul(e.b.qt, Tensor.wrap(v, e.out, 1), true, false).reshape(x.shape()));
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

    private static DenseLayer dense(Layer l) {
        if (l instanceof DenseLayer d) {
            return d;
        }
        throw new IllegalArgumentException("K-FAC: parameter '" + key(l) + "' belongs to a " + l.op
                + " node; these K-FAC factors support linear layers only (use the diagonal GGN for convolutions)");
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
