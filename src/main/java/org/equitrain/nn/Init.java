package org.equitrain.nn;

import java.util.SplittableRandom;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/** Parameter initialisers. {@code fanIn} is the number of inputs feeding one output unit. */
@FunctionalInterface
public interface Init {
    /** A new tensor of the given dtype and shape, drawing any randomness from {@code rng}. */
    Tensor create(DType dtype, SplittableRandom rng, int[] shape);

    /** All zeros. */
    static Init zeros() {
        return (dt, rng, shape) -> Tensor.zeros(dt, shape);
    }

    /** Every entry {@code v}. */
    static Init constant(double v) {
        return (dt, rng, shape) -> Tensor.full(dt, v, org.equitrain.tensor.Shape.of(shape));
    }

    /** PyTorch's default for Linear and Conv weights and biases: U(−1/√fanIn, 1/√fanIn). */
    static Init uniformFanIn(int fanIn) {
        double bound = 1 / Math.sqrt(Math.max(1, fanIn));
        return (dt, rng, shape) -> Tensor.uniform(dt, rng, -bound, bound, shape);
    }

    /** Kaiming (He) normal for ReLU layers: N(0, 2/fanIn). */
    static Init kaimingNormal(int fanIn) {
        double std = Math.sqrt(2.0 / Math.max(1, fanIn));
        return normal(std);
    }

    /** N(0, std²) entries. */
    static Init normal(double std) {
        return (dt, rng, shape) -> {
            Tensor t = Tensor.randn(dt, rng, shape);
            for (int i = 0; i < t.size(); i++) {
                t.setFlat(i, std * t.getFlat(i));
            }
            return t;
        };
    }
}
