package org.equitrain.bench;

import org.equitrain.cli.bench.ExternalAnchor;
import org.equitrain.cli.bench.Measurement;

/**
 * The anchor for equitrain's MLP step: the same step in libtorch 2.7.1 CPU through DJL 0.35.1 (offline mode: the
 * native library comes from the {@code pytorch-native-cpu} jar on the classpath).
 */
public final class LibtorchMlpStep implements ExternalAnchor {
    @Override
    public String benchmark() {
        return "mlp-step";
    }

    @Override
    public String description() {
        return LibtorchMlp.description();
    }

    @Override
    public Measurement measure(double warmupSeconds, int samples) throws Exception {
        try (LibtorchMlp mlp = new LibtorchMlp()) {
            return Measurement.of("libtorch MLP 784-256-10 step, batch 128", mlp::step, warmupSeconds, samples, 300);
        }
    }
}
