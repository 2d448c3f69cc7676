package org.equitrain.nn;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.tensor.Tensor;

/**
 * What a forward pass may depend on besides parameters and input: train/eval mode, a seeded random source (dropout),
 * and non-trainable buffers (BatchNorm running statistics), which layers read and, in training mode, update.
 */
public final class Context {
    private final boolean training;
    private final SplittableRandom rng;
    private final Map<String, Tensor> buffers;

    private Context(boolean training, SplittableRandom rng, Map<String, Tensor> buffers) {
        this.training = training;
        this.rng = rng;
        this.buffers = buffers;
    }

    /** Evaluation mode, no randomness, no buffers. */
    public static Context eval() {
        return new Context(false, null, new HashMap<>());
    }

    /** Evaluation mode reading {@code buffers} (e.g. the running statistics saved by training), no randomness. */
    public static Context eval(Map<String, Tensor> buffers) {
        return new Context(false, null, buffers);
    }

    /** Training mode with a seeded random source and a buffer store that persists across steps. */
    public static Context train(SplittableRandom rng, Map<String, Tensor> buffers) {
        return new Context(true, rng, buffers);
    }

    /** True in training mode. */
    public boolean training() {
        return training;
    }

    /** The seeded random source; throws {@link IllegalStateException} in a context made without one (evaluation). */
    public SplittableRandom rng() {
        if (rng == null) {
            throw new IllegalStateException("this forward pass has no random source (use Context.train)");
        }
        return rng;
    }

    /** The buffer store, keyed by full names like "1.running_mean". */
    public Map<String, Tensor> buffers() {
        return buffers;
    }
}
