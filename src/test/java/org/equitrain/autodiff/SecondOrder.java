package org.equitrain.autodiff;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * Turns a function into its gradient function {@code x ↦ ∇ₓ⟨r, f(x)⟩} (r a fixed random projection), built with
 * {@code createGraph}, so {@link GradCheck} on the result checks double backward of f's ops.
 */
final class SecondOrder {
    private SecondOrder() {
    }

    /** The gradient of ⟨r, f(v)⟩ with respect to the first input, as a differentiable function of all inputs. */
    static Function<List<Var>, Var> gradOf(Function<List<Var>, Var> f) {
        return v -> {
            try (GradMode on = GradMode.on()) {
                Var out = f.apply(v);
                Tensor r = Tensor.randn(DType.FLOAT64, new SplittableRandom(23), out.shape().dims());
                Var scalar = Ops.sum(Ops.mul(out, Var.constant(r)));
                return Grad.grad(scalar, List.of(v.get(0)), null, true).get(0);
            }
        };
    }
}
