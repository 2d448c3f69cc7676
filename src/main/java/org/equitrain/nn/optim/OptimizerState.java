package org.equitrain.nn.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.equitrain.tensor.Tensor;

/**
 * An optimizer's state for checkpoints: its kind ("sgd", "adam", "adamw"), the number of steps taken, the current
 * learning rate, and named slots (in the parameter's dtype) "&lt;slot&gt;/&lt;parameter name&gt;" such as
 * "exp_avg/0.weight" or "momentum_buffer/1.bias" (only slots that exist yet are present).
 */
public record OptimizerState(String kind, long steps, double learningRate, Map<String, Tensor> slots) {
    /** Copies {@code slots} into an unmodifiable map, keeping its order (the tensors themselves are not copied). */
    public OptimizerState {
        slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
    }

    /** The slot key for {@code slot} of parameter {@code param}. */
    public static String key(String slot, String param) {
        return slot + "/" + param;
    }
}
