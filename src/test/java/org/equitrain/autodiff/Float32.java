package org.equitrain.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/** Checks that a function runs in float32 end to end (value and gradients stay float32) and agrees with float64. */
public final class Float32 {
    private Float32() {
    }

    /** Values and input gradients of f in float32 equal those in float64 within {@code tol} (relative above 1). */
    public static void assertAgrees(Function<List<Var>, Var> f, double tol, Tensor... inputs) {
        List<Tensor> ref = run(f, DType.FLOAT64, inputs);
        List<Tensor> single = run(f, DType.FLOAT32, inputs);
        for (int k = 0; k < ref.size(); k++) {
            String what = k == 0 ? "value" : "gradient of input " + (k - 1);
            assertEquals(DType.FLOAT32, single.get(k).dtype(), what + " left float32");
            for (int i = 0; i < ref.get(k).size(); i++) {
                double a = ref.get(k).getFlat(i);
                double b = single.get(k).getFlat(i);
                assertTrue(Math.abs(a - b) <= tol * Math.max(1, Math.abs(a)),
                        what + " element " + i + ": float64 " + a + " vs float32 " + b);
            }
        }
    }

    /** The value of f followed by the gradients of a fixed random projection of it, in the given dtype. */
    private static List<Tensor> run(Function<List<Var>, Var> f, DType dtype, Tensor... inputs) {
        List<Var> params = new ArrayList<>();
        for (Tensor t : inputs) {
            params.add(Var.param(t.to(dtype).copy()));
        }
        Var out = f.apply(params);
        Tensor proj = Tensor.randn(dtype, new SplittableRandom(5), out.shape().dims());
        List<Tensor> res = new ArrayList<>();
        res.add(out.value());
        res.addAll(Grad.gradTensors(Ops.sum(Ops.mul(out, Var.constant(proj))), params));
        return res;
    }
}
