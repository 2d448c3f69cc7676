package org.equitrain.nn.distributions;

import java.util.SplittableRandom;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Tensor;

/**
 * A distribution with a reparameterised sampler: samples are a differentiable function of the parameters and of
 * parameter-free noise, so Monte-Carlo estimates of expectations have pathwise gradients (Kingma &amp; Welling,
 * arXiv 1312.6114, Sec. 2.4).
 */
public interface Reparameterized extends Distribution {
    /** {@code n} samples [n, ...batch, ...event], differentiable with respect to the parameters. */
    Var rsample(int n, SplittableRandom rng);

    /** The same draws as {@link #rsample} with the same generator state, without recording a graph. */
    @Override
    default Tensor sample(int n, SplittableRandom rng) {
        try (GradMode off = GradMode.off()) {
            return rsample(n, rng).value();
        }
    }
}
