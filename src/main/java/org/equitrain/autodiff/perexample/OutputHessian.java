package org.equitrain.autodiff.perexample;

import java.util.function.Function;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Gemm;
import org.equitrain.tensor.Tensor;

/**
 * The Hessian Λ_b of a per-example loss with respect to the model's outputs f_b (logits or predictions, [B, K]),
 * as a factor {@code S_b} [K, K] with {@code Λ_b = S_b S_bᵀ}: what the generalized Gauss-Newton
 * {@code Σ_b J_bᵀ Λ_b J_b} needs (MPE spec §3, "Laplace, diagonal GGN"). The labels do not enter Λ for these losses.
 */
public final class OutputHessian {
    private final String name;
    private final Function<double[], double[][]> rowFactor;

    private OutputHessian(String name, Function<double[], double[][]> rowFactor) {
        this.name = name;
        this.rowFactor = rowFactor;
    }

    /**
     * Softmax cross-entropy {@code ℓ = −log softmax(f)_y}: Λ = diag(p) − p pᵀ with p = softmax(f), factored as
     * {@code S = diag(√p) − p √pᵀ} (S Sᵀ = diag(p) − 2ppᵀ + p(Σ_k p_k)pᵀ = Λ since Σ p = 1).
     */
    public static OutputHessian softmaxCrossEntropy() {
        return new OutputHessian("softmax cross-entropy", f -> {
            int k = f.length;
            double[] p = softmax(f);
            double[][] s = new double[k][k];
            for (int r = 0; r < k; r++) {
                double sq = Math.sqrt(p[r]);
                for (int c = 0; c < k; c++) {
                    s[c][r] = (c == r ? sq : 0) - p[c] * sq;
                }
            }
            return s;
        });
    }

    /**
     * Sigmoid binary cross-entropy on each output (Bernoulli likelihood, one logit per label): Λ = diag(p(1 − p))
     * with p = σ(f), so S = diag(√(p(1 − p))).
     */
    public static OutputHessian bernoulli() {
        return new OutputHessian("Bernoulli", f -> {
            int k = f.length;
            double[][] s = new double[k][k];
            for (int c = 0; c < k; c++) {
                double p = f[c] >= 0 ? 1 / (1 + Math.exp(-f[c])) : Math.exp(f[c]) / (1 + Math.exp(f[c]));
                s[c][c] = Math.sqrt(p * (1 - p));
            }
            return s;
        });
    }

    /** Squared error {@code ℓ = ‖f − y‖² / (2σ²)} (Gaussian likelihood of variance σ²): Λ = I/σ², S = I/σ. */
    public static OutputHessian gaussian(double variance) {
        if (!(variance > 0)) {
            throw new IllegalArgumentException("Gaussian variance must be positive, got " + variance);
        }
        double inv = 1 / Math.sqrt(variance);
        return new OutputHessian("Gaussian(σ²=" + variance + ")", f -> {
            int k = f.length;
            double[][] s = new double[k][k];
            for (int c = 0; c < k; c++) {
                s[c][c] = inv;
            }
            return s;
        });
    }

    /** The factors S [B, K, K] (float64) at outputs [B, K]. */
    public Tensor factor(Tensor outputs) {
        if (outputs.rank() != 2) {
            throw new IllegalArgumentException(name + " Hessian needs outputs [batch, K], got " + outputs.shape());
        }
        int batch = outputs.dim(0);
        int k = outputs.dim(1);
        double[] f = outputs.to(DType.FLOAT64).doubles();
        double[] s = new double[batch * k * k];
        for (int b = 0; b < batch; b++) {
            double[] row = new double[k];
            System.arraycopy(f, b * k, row, 0, k);
            double[][] sb = rowFactor.apply(row);
            for (int c = 0; c < k; c++) {
                System.arraycopy(sb[c], 0, s, (b * k + c) * k, k);
            }
        }
        return Tensor.wrap(s, batch, k, k);
    }

    /** The Hessians Λ = S Sᵀ [B, K, K] (float64) at outputs [B, K]. */
    public Tensor hessian(Tensor outputs) {
        Tensor s = factor(outputs);
        return Gemm.matmul(s, s, false, true);
    }

    private static double[] softmax(double[] f) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : f) {
            max = Math.max(max, v);
        }
        double[] p = new double[f.length];
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            p[i] = Math.exp(f[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < f.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    @Override
    public String toString() {
        return name;
    }
}
