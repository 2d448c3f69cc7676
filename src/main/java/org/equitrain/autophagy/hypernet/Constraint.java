package org.equitrain.autophagy.hypernet;

import org.equitrain.autodiff.Pointwise;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * Maps from a head's raw, unconstrained output to a model-facing parameter (PLE spec §4 "Constraint maps").
 * torchhyper feeds raw outputs to its models; equitrain maps them so every generated value is valid:
 * <ul>
 *   <li>{@link #IDENTITY}: means, flow shifts, network weights;</li>
 *   <li>{@link #POSITIVE}: variances and scales, {@code softplus(r) + ε};</li>
 *   <li>{@link #SIMPLEX}: mixture weights, softmax over the last axis;</li>
 *   <li>{@link #CHOLESKY}: full covariances Σ = LLᵀ through a lower-triangular factor L of a raw [.., d, d] value:
 *       strict lower triangle kept, upper triangle zeroed, diagonal {@code softplus(r_ii) + ε}.</li>
 * </ul>
 */
public enum Constraint {
    /** The raw value unchanged. */
    IDENTITY,
    /** {@code softplus(r) + ε}, a positive value. */
    POSITIVE,
    /** Softmax over the last axis, a point of the simplex. */
    SIMPLEX,
    /** A lower-triangular Cholesky factor with {@code softplus + ε} diagonal (raw value {@code [.., d, d]}). */
    CHOLESKY;

    /** The constrained value of {@code raw}; {@code eps} is the floor added to softplus outputs. */
    public Var apply(Var raw, double eps) {
        return switch (this) {
            case IDENTITY -> raw;
            case POSITIVE -> Ops.addScalar(Pointwise.softplus(raw), eps);
            case SIMPLEX -> Activations.softmax(raw, -1);
            case CHOLESKY -> choleskyFactor(raw, eps);
        };
    }

    /** Whether a parameter of this shape can carry the constraint; the reason when it cannot, else null. */
    String misfit(int[] shape) {
        return switch (this) {
            case IDENTITY, POSITIVE -> null;
            case SIMPLEX -> shape.length >= 1 ? null : "a simplex needs at least one axis";
            case CHOLESKY -> shape.length >= 2 && shape[shape.length - 1] == shape[shape.length - 2] ? null
                    : "a Cholesky factor needs square trailing dims [.., d, d]";
        };
    }

    private static Var choleskyFactor(Var raw, double eps) {
        int rank = raw.rank();
        int d = raw.dim(rank - 1);
        Var eye = Var.constant(mask(raw.dtype(), d, 0));
        Var strictLower = Ops.mul(raw, Var.constant(mask(raw.dtype(), d, 1)));
        int[] diagShape = raw.shape().dims();
        diagShape[rank - 1] = 1;
        Var diagonal = Ops.sum(Ops.mul(raw, eye), -1, true); // [.., d, 1]: r_ii in row i
        Var positiveDiagonal = Ops.addScalar(Pointwise.softplus(diagonal), eps);
        return Ops.add(strictLower, Ops.mul(Ops.reshape(positiveDiagonal, diagShape), eye));
    }

    /** A d×d 0/1 mask of entries with {@code row − col == 0} (diagonal) or {@code row − col >= 1} (strict lower). */
    private static Tensor mask(DType dtype, int d, int minOffset) {
        Tensor m = Tensor.zeros(dtype, d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                boolean in = minOffset == 0 ? i == j : i - j >= minOffset;
                m.setFlat(i * d + j, in ? 1 : 0);
            }
        }
        return m;
    }
}
