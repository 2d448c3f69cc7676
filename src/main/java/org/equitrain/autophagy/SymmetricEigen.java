package org.equitrain.autophagy;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/** Eigendecomposition of a real symmetric matrix by LAPACK dsyev. */
final class SymmetricEigen {
    /** Eigenvalues in ascending order. */
    final double[] values;
    /** Row-major [d, d]; column j is the unit eigenvector of {@code values[j]}. */
    final double[] vectors;

    private SymmetricEigen(double[] values, double[] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes the symmetric row-major {@code a} ([d, d]); only its upper triangle is read. */
    static SymmetricEigen of(double[] a, int d, boolean withVectors) {
        // Row-major A is column-major Aᵀ = A; the column-major eigenvector matrix V read row-major is Vᵀ.
        double[] work = a.clone();
        double[] w = new double[d];
        intW info = new intW(0);
        double[] query = new double[1];
        LAPACK lapack = LAPACK.getInstance();
        String job = withVectors ? "V" : "N";
        lapack.dsyev(job, "L", d, work, Math.max(1, d), w, query, -1, info);
        int lwork = Math.max(1, (int) query[0]);
        lapack.dsyev(job, "L", d, work, Math.max(1, d), w, new double[lwork], lwork, info);
        if (info.val != 0) {
            throw new IllegalStateException("dsyev failed to converge (info " + info.val + ") on a " + d + "x" + d
                    + " matrix");
        }
        if (!withVectors) {
            return new SymmetricEigen(w, null);
        }
        double[] v = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                v[i * d + j] = work[j * d + i];
            }
        }
        return new SymmetricEigen(w, v);
    }
}
