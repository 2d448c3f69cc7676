package org.equitrain.autophagy;

import org.equitrain.tensor.DType;
import org.equitrain.tensor.Gemm;
import org.equitrain.tensor.Tensor;

/**
 * The Fréchet distance between two feature sets (FID on a fixed classifier's features, ple.md §7):
 * {@code ‖m0 − m1‖² + tr(Σ0 + Σ1 − 2(Σ0^½ Σ1 Σ0^½)^½)}, with centred covariances (÷(N−1)). Square roots come
 * from symmetric eigendecompositions (LAPACK dsyev), so the trace term is {@code Σ √λ_i(Σ0^½ Σ1 Σ0^½)}, which
 * equals {@code tr (Σ0Σ1)^½} and is exact for singular covariances.
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /** Distance between the rows of two {@code [N, d]} feature tensors (any dtype; computed in float64). */
    public static double between(Tensor features0, Tensor features1) {
        if (features0.rank() != 2 || features1.rank() != 2 || features0.dim(1) != features1.dim(1)) {
            throw new IllegalArgumentException("Fréchet distance: feature sets " + features0.shape() + " and "
                    + features1.shape() + " must both be [samples, features] with the same feature count");
        }
        return between(features0.toDoubleArray(), features1.toDoubleArray(), features0.dim(1));
    }

    /** Distance between row-major {@code [N0, d]} and {@code [N1, d]} feature arrays (each N ≥ 2). */
    public static double between(double[] x0, double[] x1, int d) {
        int n0 = Estimator.rows("Fréchet distance (set 0)", x0, d, 2);
        int n1 = Estimator.rows("Fréchet distance (set 1)", x1, d, 2);
        double[] m0 = Moments.mean(x0, n0, d, null);
        double[] m1 = Moments.mean(x1, n1, d, null);
        double[] c0 = Moments.scatter(x0, n0, d, m0, null);
        double[] c1 = Moments.scatter(x1, n1, d, m1, null);
        for (int i = 0; i < d * d; i++) {
            c0[i] /= n0 - 1;
            c1[i] /= n1 - 1;
        }
        return fromMoments(m0, c0, m1, c1);
    }

    /** The distance between {@code N(m0, c0)} and {@code N(m1, c1)}, covariances row-major {@code [d, d]}. */
    public static double fromMoments(double[] m0, double[] c0, double[] m1, double[] c1) {
        int d = m0.length;
        if (m1.length != d || c0.length != d * d || c1.length != d * d) {
            throw new IllegalArgumentException("Fréchet distance: means of length " + m0.length + " and "
                    + m1.length + " with covariances of length " + c0.length + " and " + c1.length);
        }
        double dist = 0;
        for (int i = 0; i < d; i++) {
            dist += (m0[i] - m1[i]) * (m0[i] - m1[i]) + c0[i * d + i] + c1[i * d + i];
        }
        Tensor root0 = Tensor.wrap(sqrtPsd(c0, d), d, d);
        Tensor middle = matmul(matmul(root0, Tensor.wrap(c1.clone(), d, d)), root0);
        double[] mm = middle.doubles();
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) { // symmetrise the rounding before dsyev
                double s = 0.5 * (mm[i * d + j] + mm[j * d + i]);
                mm[i * d + j] = s;
                mm[j * d + i] = s;
            }
        }
        double traceRoot = 0;
        for (double lambda : SymmetricEigen.of(mm, d, false).values) {
            traceRoot += Math.sqrt(Math.max(lambda, 0));
        }
        return dist - 2 * traceRoot;
    }

    /** {@code V·diag(√max(λ, 0))·Vᵀ} for a symmetric positive semi-definite matrix. */
    private static double[] sqrtPsd(double[] c, int d) {
        SymmetricEigen e = SymmetricEigen.of(c, d, true);
        double[] scaled = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                scaled[i * d + j] = e.vectors[i * d + j] * Math.sqrt(Math.max(e.values[j], 0));
            }
        }
        Tensor out = Tensor.zeros(DType.FLOAT64, d, d);
        Gemm.gemm(Tensor.wrap(scaled, d, d), 0, Tensor.wrap(e.vectors, d, d), 0, out, 0, d, d, d, false, true, 1, 0);
        return out.doubles();
    }

    private static Tensor matmul(Tensor a, Tensor b) {
        return Gemm.matmul(a, b, false, false);
    }
}
