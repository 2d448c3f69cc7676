package org.equitrain.nn;

import java.util.ArrayList;
import java.util.List;

/** Multi-layer perceptron: Linear layers with ReLU between them, e.g. {@code Mlp.of(784, 256, 10)}. */
public final class Mlp {
    private Mlp() {
    }

    /** Layer widths from input to output; at least two. */
    public static Sequential of(int... widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("an MLP needs input and output widths");
        }
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            layers.add(new Linear(widths[i], widths[i + 1]));
            if (i + 2 < widths.length) {
                layers.add(Activation.relu());
            }
        }
        return new Sequential(layers);
    }
}
