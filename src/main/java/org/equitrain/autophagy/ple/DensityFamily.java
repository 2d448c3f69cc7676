package org.equitrain.autophagy.ple;

import java.util.SplittableRandom;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.hypernet.ParamConstraints;
import org.equitrain.nn.Context;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;

/**
 * A parametric model p(x; θ) that PLE fits through a learned estimator (PLE spec §5). Its {@link #paramSpecs} are
 * the raw tensors a hypernetwork generates; {@link #constraints} map them to the model-facing θ that
 * {@link #nll} and {@link #sample} read. {@link #forward} is the per-sample negative log-likelihood.
 */
public interface DensityFamily extends Module {
    /** Values per sample: data sets are [n, dim()]. */
    int dim();

    /** How raw generated tensors become model-facing parameters. */
    ParamConstraints constraints();

    /** −log p(x_i; θ) per sample, shape [n], for model-facing θ and data [n, dim]. */
    Var nll(Params theta, Var x);

    /**
     * n samples [n, dim] drawn with the reparameterisation trick: noise from {@code rng}, then a differentiable map
     * of θ, so gradients reach θ through the samples.
     */
    Var sample(Params theta, int n, SplittableRandom rng);

    /**
     * The coordinates the PLE penalty compares (spec §3 "coordinates", default the model-facing parameters); a
     * family overrides it where the natural coordinate is a function of θ (a covariance from its Cholesky factor).
     */
    default Params penaltyCoordinates(Params theta) {
        return theta;
    }

    /** Mean negative log-likelihood over the samples of x. */
    default Var meanNll(Params theta, Var x) {
        return Ops.mean(nll(theta, x));
    }

    @Override
    default Var forward(Params theta, Var x, Context ctx) {
        return nll(theta, x);
    }
}
