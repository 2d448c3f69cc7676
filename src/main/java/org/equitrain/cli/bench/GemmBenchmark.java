package org.equitrain.cli.bench;

import dev.ludovic.netlib.blas.BLAS;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * Float32 GEMM through equitrain ({@code Ops.matmul} on tensors: shape checks, output allocation, row-major
 * mapping) against the anchor: the same product as one direct {@code sgemm} call into netlib on preallocated arrays.
 * The ratio anchor/equitrain is the fraction of raw BLAS speed equitrain keeps (target ≥ 0.95). A second anchor
 * also allocates its result array per call, as any functional tensor API must: it separates equitrain's own
 * overhead from the cost of a fresh (zero-filled) output.
 */
public final class GemmBenchmark {
    private GemmBenchmark() {
    }

    /** Returns {equitrain, anchor, anchor allocating its output} measurements for square size {@code n}. */
    public static Measurement[] run(int n, double warmupSeconds, int samples) throws Exception {
        SplittableRandom rng = new SplittableRandom(n);
        Tensor a = Tensor.randn(DType.FLOAT32, rng, n, n);
        Tensor b = Tensor.randn(DType.FLOAT32, rng, n, n);
        Var va = Var.constant(a);
        Var vb = Var.constant(b);
        float[] fa = a.floats();
        float[] fb = b.floats();
        float[] fc = new float[n * n];
        BLAS blas = BLAS.getInstance();
        double target = n >= 1024 ? 400 : 200;
        Measurement ours = Measurement.of("equitrain matmul f32 " + n, () -> Ops.matmul(va, vb), warmupSeconds,
                samples, target);
        Measurement anchor = Measurement.of("netlib sgemm f32 " + n,
                () -> blas.sgemm("N", "N", n, n, n, 1f, fb, n, fa, n, 0f, fc, n), warmupSeconds, samples, target);
        Measurement allocating = Measurement.of("netlib sgemm f32 " + n + " into a new array", () -> {
            float[] out = new float[n * n];
            blas.sgemm("N", "N", n, n, n, 1f, fb, n, fa, n, 0f, out, n);
        }, warmupSeconds, samples, target);
        return new Measurement[] {ours, anchor, allocating};
    }
}
