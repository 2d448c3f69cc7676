package org.equitrain.tensor;

import java.util.SplittableRandom;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Standard normal draws from a seeded {@link SplittableRandom}: McFarland's modified ziggurat (J. Stat. Comput.
 * Simul. 86, 2016) as Apache Commons RNG implements it, fed by the generator's {@code nextLong}. A sampler keeps no
 * state of its own, so samplers taken in turn from one generator continue one stream.
 */
public final class Gaussian {
    private Gaussian() {
    }

    /** A sampler drawing from {@code rng}. */
    public static NormalizedGaussianSampler sampler(SplittableRandom rng) {
        return ZigguratSampler.NormalizedGaussian.of(rng::nextLong);
    }
}
