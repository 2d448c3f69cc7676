package org.equitrain.autophagy.ple;

import java.util.SplittableRandom;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.Estimator;
import org.equitrain.autophagy.GenerativeModel;
import org.equitrain.nn.Params;
import org.equitrain.tensor.Tensor;

/**
 * A trained {@link LearnedEstimator} (hypernetwork at λ = 0, "hyper", or PLE at λ &gt; 0) used as an
 * {@link Estimator} of a self-consuming loop. H_φ is trained once, on many conditioning sets (the ple-bias protocol of
 * spec §8), and then frozen: each generation's data D^t is mapped to θ_t = H_φ(D^t) with no retraining [choice:
 * retraining φ on each generation's n samples would fit a data-independent H, spec §8 reviewer concern]. The data
 * the loop passes must be sized like the training sets (mean pooling accepts any size, but the learned bias
 * correction is specific to n).
 *
 * <p>Thread-safe: φ is only read, and estimation runs with the tape off (GradMode is per thread).
 */
public final class LoopEstimator implements Estimator<GenerativeModel> {
    private final String name;
    private final LearnedEstimator estimator;
    private final Params phi;
    private final ModelReader reader;

    /**
     * The frozen {@code estimator} at φ = {@code phi}, read into models by {@code reader}; {@code name} names it in
     * results and errors.
     */
    public LoopEstimator(String name, LearnedEstimator estimator, Params phi, ModelReader reader) {
        this.name = name;
        this.estimator = estimator;
        this.phi = phi;
        this.reader = reader;
    }

    @Override
    public GenerativeModel fit(double[] data, int dim, SplittableRandom rng) {
        int n = Estimator.rows(name, data, dim, 1);
        try (GradMode off = GradMode.off()) {
            Params theta = estimator.estimate(phi, Var.constant(Tensor.wrap(data.clone(), n, dim))).constrained();
            return reader.read(theta);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
