package org.equitrain.cli.bench;

/**
 * A reference implementation that benchmarks compare against but the product does not ship (e.g. libtorch through
 * DJL). Implementations live under {@code bench/} and are found with {@link java.util.ServiceLoader} when the
 * launcher runs {@code equitrain bench} with the Maven {@code bench} profile's classpath.
 */
public interface ExternalAnchor {
    /** The benchmark this anchors, e.g. {@code "mlp-step"}. */
    String benchmark();

    /** What runs, with versions, e.g. "libtorch 2.7.1 CPU via DJL 0.35.1". */
    String description();

    /** Times the reference: at least {@code warmupSeconds} of warm-up, then {@code samples} timed samples. */
    Measurement measure(double warmupSeconds, int samples) throws Exception;
}
