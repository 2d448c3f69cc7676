package org.equitrain.autodiff;

import java.util.SplittableRandom;
import org.equitrain.tensor.Arithmetic;
import org.equitrain.tensor.Elementwise;
import org.equitrain.tensor.Tensor;

/** Inverted dropout (Srivastava et al., JMLR 2014): zero each entry with probability p, scale the rest by 1/(1−p). */
public final class Dropout {
    private Dropout() {
    }

    /**
     * In training mode, {@code x·m/(1−p)} with a fresh Bernoulli(1−p) keep mask m drawn from {@code rng}, so the
     * expectation is {@code x}; in evaluation mode (or for p = 0), {@code x} itself. The gradient is masked and
     * scaled the same way.
     */
    public static Var dropout(Var x, double p, SplittableRandom rng, boolean training) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout: probability " + p + " is not in [0, 1]");
        }
        if (!training || p == 0) {
            return x;
        }
        double scale = p == 1 ? 0 : 1 / (1 - p);
        Tensor mask = Tensor.zeros(x.dtype(), x.shape());
        for (int i = 0; i < mask.size(); i++) {
            mask.setFlat(i, rng.nextDouble() < p ? 0 : scale);
        }
        Var m = Var.constant(mask);
        Tensor v = Elementwise.zip("dropout", x.value(), mask, Arithmetic.MUL);
        return Ops.record("dropout", v, g -> new Var[] {Ops.mul(g, m)}, x);
    }
}
