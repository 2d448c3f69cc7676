package org.equitrain.nn.distributions;

import java.util.SplittableRandom;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Tensor;

/**
 * A probability distribution whose parameters are {@link Var}s, so log-likelihoods can be differentiated with
 * respect to them. Parameters have shape {@code batch + event}: a distribution may be a batch of independent
 * distributions (e.g. the K components of a mixture), and inputs broadcast against the batch as in PyTorch.
 */
public interface Distribution {
    /**
     * The log-density (or log-mass) of each sample. For an unbatched distribution, {@code x} [N, ...event] gives
     * [N]; in general the result has the broadcast of x's leading dims with the batch shape.
     */
    Var logProb(Var x);

    /** {@code n} independent samples of shape [n, ...batch, ...event], with no gradient. */
    Tensor sample(int n, SplittableRandom rng);
}
