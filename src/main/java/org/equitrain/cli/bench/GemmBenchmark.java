package org.equitrain.cli.bench;

import dev.ludovic.netlib.blas.BLAS;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.equitrain.tensor.Workspace;

/**
 * Float32 GEMM through equitrain ({@code Ops.matmul} on tensors: shape checks, row-major mapping, output storage)
 * against the anchor: the same product as one direct {@code sgemm} call into netlib on preallocated arrays. The ratio
 * anchor/equitrain is the fraction of raw BLAS speed equitrain keeps (target ≥ 0.95). equitrain runs as a training
 * loop runs it, inside a {@link Workspace} scope per iteration, so the output storage is recycled as the anchor's is.
 * Two more figures separate the storage question: equitrain with no workspace (a fresh zero-filled array per
 * product), against an anchor that also allocates its result per call.
 */
public final class GemmBenchmark {
    private GemmBenchmark() {
    }

    /** Equitrain in a workspace, the preallocated anchor, equitrain without one, the anchor allocating its output. */
    public record Result(Measurement workspace, Measurement anchor, Measurement fresh, Measurement anchorAllocating) {
    }

    /** Measures the four, samples interleaved, for square size {@code n}. */
    public static Result run(int n, double warmupSeconds, int samples) throws Exception {
        SplittableRandom rng = new SplittableRandom(n);
        Tensor a = Tensor.randn(DType.FLOAT32, rng, n, n);
        Tensor b = Tensor.randn(DType.FLOAT32, rng, n, n);
        Var va = Var.constant(a);
        Var vb = Var.constant(b);
        float[] fa = a.floats();
        float[] fb = b.floats();
        float[] fc = new float[n * n];
        BLAS blas = BLAS.getInstance();
        Measurement.Op[] ops = {Measurement.inWorkspace(() -> Ops.matmul(va, vb)),
            () -> blas.sgemm("N", "N", n, n, n, 1f, fb, n, fa, n, 0f, fc, n),
            () -> Ops.matmul(va, vb),
            () -> blas.sgemm("N", "N", n, n, n, 1f, fb, n, fa, n, 0f, new float[n * n], n)};
        String[] names = {"equitrain matmul f32 " + n + " in a workspace", "netlib sgemm f32 " + n,
            "equitrain matmul f32 " + n + " without a workspace", "netlib sgemm f32 " + n + " into a new array"};
        Measurement[] m = Measurement.interleaved(names, ops, warmupSeconds, samples, n >= 1024 ? 200 : 100);
        return new Result(m[0], m[1], m[2], m[3]);
    }
}
