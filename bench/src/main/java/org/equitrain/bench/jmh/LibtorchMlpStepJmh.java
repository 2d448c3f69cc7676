package org.equitrain.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.equitrain.bench.LibtorchMlp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** The anchor of {@link MlpStepJmh}: the same MLP step in libtorch through DJL. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class LibtorchMlpStepJmh {
    private LibtorchMlp mlp;

    @Setup(Level.Trial)
    public void setup() {
        mlp = new LibtorchMlp();
    }

    @Benchmark
    public void libtorchStep() {
        mlp.step();
    }

    @TearDown(Level.Trial)
    public void close() {
        mlp.close();
    }
}
