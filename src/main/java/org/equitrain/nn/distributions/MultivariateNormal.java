package org.equitrain.nn.distributions;

import java.util.SplittableRandom;
import org.equitrain.autodiff.Linalg;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/**
 * A Gaussian N(μ, Σ) over vectors of size d with full covariance Σ = L·Lᵀ, parametrised by the mean [..., d] and
 * the lower Cholesky factor L [..., d, d] with positive diagonal (its upper triangle is ignored). Leading dims are
 * a batch of independent Gaussians and broadcast between mean and L.
 */
public final class MultivariateNormal implements Reparameterized {
    private final Var mean;
    private final Var scaleTril;
    private final Shape shape;

    private MultivariateNormal(Var mean, Var scaleTril) {
        Shape ls = scaleTril.shape();
        if (mean.rank() < 1 || ls.rank() < 2 || ls.dim(-1) != ls.dim(-2) || ls.dim(-1) != mean.dim(-1)) {
            throw new ShapeException("MultivariateNormal", "mean " + mean.shape() + " and Cholesky factor " + ls
                    + " do not fit (expected [..., d] and [..., d, d])");
        }
        this.shape = Shape.broadcast("MultivariateNormal", mean.shape(), ls.reduce(-1, false));
        this.mean = mean;
        this.scaleTril = Linalg.tril(scaleTril);
    }

    /** N(mean, L·Lᵀ) for a lower-triangular L with positive diagonal. */
    public static MultivariateNormal ofScaleTril(Var mean, Var scaleTril) {
        return new MultivariateNormal(mean, scaleTril);
    }

    /** N(mean, covariance); the covariance is factored by {@link Linalg#cholesky} (an error if not SPD). */
    public static MultivariateNormal ofCovariance(Var mean, Var covariance) {
        return new MultivariateNormal(mean, Linalg.cholesky(covariance));
    }

    /** The mean [..., d] as given. */
    public Var mean() {
        return mean;
    }

    /** The lower Cholesky factor L of the covariance. */
    public Var scaleTril() {
        return scaleTril;
    }

    /** Σ = L·Lᵀ. */
    public Var covariance() {
        return Ops.matmul(scaleTril, scaleTril, false, true);
    }

    /** The event size d. */
    public int dim() {
        return shape.dim(-1);
    }

    /**
     * log N(x; μ, LLᵀ) = −½‖L⁻¹(x − μ)‖² − Σ_j log L_jj − (d/2) log 2π, with the Mahalanobis term from one
     * batched triangular solve.
     */
    @Override
    public Var logProb(Var x) {
        int d = dim();
        if (x.rank() < 1 || x.dim(-1) != d) {
            throw new ShapeException("MultivariateNormal.logProb", "samples of shape " + x.shape()
                    + " for a Gaussian over " + d + " dimensions");
        }
        Shape lBatch = scaleTril.shape().reduce(-1, false).reduce(-1, false);
        int[] lEvent = new int[lBatch.rank() + 1];
        System.arraycopy(lBatch.dims(), 0, lEvent, 0, lBatch.rank());
        lEvent[lBatch.rank()] = d;
        Var diff = x.sub(mean);
        Shape target = Shape.broadcast("MultivariateNormal.logProb", diff.shape(), Shape.of(lEvent));
        diff = Ops.broadcastTo(diff, target);
        // diff [*lead, *lBatch, d] → right-hand sides [lBatch, d, lead] for the factor of each batch entry.
        int lead = target.sizeBetween(0, target.rank() - lEvent.length);
        int nb = lBatch.size();
        Var rhs = Ops.permute(diff.reshape(lead, nb, d), 1, 2, 0);
        Var z = Linalg.triangularSolve(scaleTril.reshape(nb, d, d), rhs, true, false);
        Var maha = Ops.t(Ops.sum(z.mul(z), 1, false)).reshape(target.reduce(-1, false).dims());
        Var halfLogDet = Ops.sum(Linalg.diagonal(scaleTril).log(), -1, false);
        return maha.mul(-0.5).sub(halfLogDet).add(-0.5 * d * Normal.LOG_2PI);
    }

    /** μ + L·ε with ε ~ N(0, I) of shape [n, ...batch, d]. */
    @Override
    public Var rsample(int n, SplittableRandom rng) {
        int[] dims = new int[shape.rank() + 2];
        dims[0] = n;
        System.arraycopy(shape.dims(), 0, dims, 1, shape.rank());
        dims[dims.length - 1] = 1;
        DType dt = DType.promote(mean.dtype(), scaleTril.dtype());
        Var eps = Var.constant(Tensor.randn(dt, rng, dims));
        Var le = Ops.matmul(scaleTril, eps);
        return mean.add(le.reshape(Shape.of(dims).reduce(-1, false).dims()));
    }
}
