package org.equitrain.bench.jmh;

import dev.ludovic.netlib.blas.BLAS;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.equitrain.tensor.Workspace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Float32 GEMM: equitrain's matmul (fresh output, and recycled in a workspace scope as a training step runs it)
 * against the anchor, one direct netlib sgemm on preallocated arrays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GemmJmh {
    @Param({"512", "1024"})
    int n;

    private Var a;
    private Var b;
    private float[] fa;
    private float[] fb;
    private float[] fc;
    private BLAS blas;
    private final Workspace workspace = new Workspace();

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(n);
        Tensor ta = Tensor.randn(DType.FLOAT32, rng, n, n);
        Tensor tb = Tensor.randn(DType.FLOAT32, rng, n, n);
        a = Var.constant(ta);
        b = Var.constant(tb);
        fa = ta.floats();
        fb = tb.floats();
        fc = new float[n * n];
        blas = BLAS.getInstance();
    }

    @Benchmark
    public Var equitrainMatmul() {
        return Ops.matmul(a, b);
    }

    @Benchmark
    public double equitrainMatmulInWorkspace() {
        try (Workspace.Scope step = workspace.enter()) {
            return Ops.matmul(a, b).value().getFlat(0);
        }
    }

    @Benchmark
    public float[] netlibSgemm() {
        blas.sgemm("N", "N", n, n, n, 1f, fb, n, fa, n, 0f, fc, n);
        return fc;
    }
}
