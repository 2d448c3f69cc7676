package org.equitrain.nn.distributions;

import java.util.SplittableRandom;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/**
 * A Gaussian with diagonal covariance over vectors of size d: mean and standard deviation of shape [..., d]
 * (broadcasting with each other; leading dims are a batch of independent Gaussians). The event is the last axis,
 * so {@link #logProb} sums the d coordinate log-densities.
 */
public final class Normal implements Reparameterized {
    static final double LOG_2PI = Math.log(2 * Math.PI);
    private final Var mean;
    private final Var std;
    private final Shape shape;

    private Normal(Var mean, Var std) {
        this.shape = Shape.broadcast("Normal", mean.shape(), std.shape());
        if (shape.rank() < 1) {
            throw new ShapeException("Normal", "needs parameters of shape [..., d], got scalars");
        }
        this.mean = mean;
        this.std = std;
    }

    /** N(mean, diag(std²)). */
    public static Normal ofStd(Var mean, Var std) {
        return new Normal(mean, std);
    }

    /** N(mean, diag(variance)). */
    public static Normal ofVariance(Var mean, Var variance) {
        return new Normal(mean, variance.sqrt());
    }

    /** The standard normal N(0, I) over vectors of size d. */
    public static Normal standard(DType dtype, int d) {
        return new Normal(Var.constant(Tensor.zeros(dtype, d)), Var.constant(Tensor.ones(dtype, d)));
    }

    /** The mean as given. */
    public Var mean() {
        return mean;
    }

    /** The standard deviation as given ({@link #ofVariance} stores √variance). */
    public Var std() {
        return std;
    }

    /** The variance σ², elementwise. */
    public Var variance() {
        return std.mul(std);
    }

    /** The event size d. */
    public int dim() {
        return shape.dim(-1);
    }

    /** The parameter shape, batch dims followed by d. */
    public Shape shape() {
        return shape;
    }

    /** log N(x; μ, diag σ²) = Σ_j [−½((x_j − μ_j)/σ_j)² − log σ_j − ½ log 2π]. */
    @Override
    public Var logProb(Var x) {
        if (x.rank() < 1 || x.dim(-1) != dim()) {
            throw new ShapeException("Normal.logProb", "samples of shape " + x.shape() + " for a Gaussian over "
                    + dim() + " dimensions");
        }
        Var z = x.sub(mean).div(std);
        Var elem = z.mul(z).mul(-0.5).sub(std.log()).add(-0.5 * LOG_2PI);
        return Ops.sum(elem, -1, false);
    }

    /** μ + σ·ε with ε ~ N(0, I) of shape [n, ...shape]. */
    @Override
    public Var rsample(int n, SplittableRandom rng) {
        int[] dims = new int[shape.rank() + 1];
        dims[0] = n;
        System.arraycopy(shape.dims(), 0, dims, 1, shape.rank());
        DType dt = DType.promote(mean.dtype(), std.dtype());
        Var eps = Var.constant(Tensor.randn(dt, rng, dims));
        return mean.add(std.mul(eps));
    }

    /**
     * KL(p ‖ q) between diagonal Gaussians, in closed form and summed over the event axis:
     * Σ_j [log(σq_j/σp_j) + (σp_j² + (μp_j − μq_j)²)/(2σq_j²) − ½]; shape = the broadcast batch shape.
     */
    public static Var kl(Normal p, Normal q) {
        if (p.dim() != q.dim()) {
            throw new ShapeException("Normal.kl", "Gaussians over " + p.dim() + " and " + q.dim() + " dimensions");
        }
        Var dm = p.mean.sub(q.mean);
        Var ratio = p.std.div(q.std);
        Var elem = ratio.mul(ratio).add(dm.mul(dm).div(q.variance())).add(-1).mul(0.5).sub(ratio.log());
        return Ops.sum(elem, -1, false);
    }
}
