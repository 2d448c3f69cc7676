package org.equitrain.autophagy.ple;

import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.hypernet.ParamConstraints;
import org.equitrain.nn.Init;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;
import org.equitrain.tensor.Tensor;

/**
 * The elementwise affine normalising flow z = w ⊙ x + b with base N(0, I) (PLE spec §5, torchhyper's
 * {@code linear_normalizing_flow.py}): parameters "weight" [d] (starts at 1) and "bias" [d], both unconstrained.
 * The model density is that of x ~ N(−b/w, diag(1/w²)).
 */
public final class AffineFlowFamily implements DensityFamily {
    private final int dim;

    /** The flow over R^{@code dim} (dim ≥ 1). */
    public AffineFlowFamily(int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("a flow needs dimension >= 1, got " + dim);
        }
        this.dim = dim;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public ParamConstraints constraints() {
        return ParamConstraints.none();
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        return List.of(new ParamSpec("weight", new int[] {dim}, Init.constant(1)),
                new ParamSpec("bias", new int[] {dim}, Init.zeros()));
    }

    /** NLL = −log N(z; 0, I) − Σ_j log|w_j| = ½‖z‖² + (d/2) log 2π − ½ Σ_j log w_j². */
    @Override
    public Var nll(Params theta, Var x) {
        Var w = theta.get("weight");
        Var z = Ops.add(Ops.mul(x, w), theta.get("bias"));
        Var logAbsDet = Ops.mulScalar(Ops.sum(Activations.log(Ops.mul(w, w))), 0.5);
        Var half = Ops.mulScalar(Ops.sum(Ops.mul(z, z), 1, false), 0.5);
        return Ops.sub(Ops.addScalar(half, 0.5 * dim * GaussianFamily.LOG_2PI), logAbsDet);
    }

    /** The inverse flow on base noise: x = (z − b) / w, z ~ N(0, I). */
    @Override
    public Var sample(Params theta, int n, SplittableRandom rng) {
        Var w = theta.get("weight");
        Var z = Var.constant(Tensor.randn(w.dtype(), rng, n, dim));
        return Ops.div(Ops.sub(z, theta.get("bias")), w);
    }
}
