package org.equitrain.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * Float64 central finite-difference check of reverse-mode gradients. The function under test is reduced to a
 * scalar by a fixed random projection, so every output element's gradient is exercised.
 */
public final class GradCheck {
    private GradCheck() {
    }

    /** Checks d f(inputs) / d inputs against central differences with step {@code 1e-6}; tolerance {@code tol}. */
    public static void check(Function<List<Var>, Var> f, List<Tensor> inputs, double tol) {
        List<Var> params = new ArrayList<>();
        for (Tensor t : inputs) {
            params.add(Var.param(t.to(DType.FLOAT64).copy()));
        }
        Var out = f.apply(params);
        Tensor proj = Tensor.randn(DType.FLOAT64, new SplittableRandom(17), out.shape().dims());
        Var loss = Ops.sum(Ops.mul(out, Var.constant(proj)));
        List<Var> grads = Grad.grad(loss, params);
        double h = 1e-6;
        for (int p = 0; p < params.size(); p++) {
            double[] x = params.get(p).value().doubles();
            for (int i = 0; i < x.length; i++) {
                double old = x[i];
                x[i] = old + h;
                double up = projected(f, params, proj);
                x[i] = old - h;
                double down = projected(f, params, proj);
                x[i] = old;
                double numeric = (up - down) / (2 * h);
                double analytic = grads.get(p).value().getFlat(i);
                double err = Math.abs(numeric - analytic) / Math.max(1.0, Math.abs(numeric));
                assertTrue(err < tol, "input " + p + " element " + i + ": analytic " + analytic + " vs numeric "
                        + numeric);
            }
        }
    }

    public static void check(Function<List<Var>, Var> f, Tensor... inputs) {
        check(f, List.of(inputs), 1e-6);
    }

    private static double projected(Function<List<Var>, Var> f, List<Var> params, Tensor proj) {
        try (GradMode off = GradMode.off()) {
            return Ops.sum(Ops.mul(f.apply(params), Var.constant(proj))).item();
        }
    }

    /** A seeded float64 tensor with standard normal entries. */
    public static Tensor randn(long seed, int... dims) {
        return Tensor.randn(DType.FLOAT64, new SplittableRandom(seed), dims);
    }
}
