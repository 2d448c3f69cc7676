package org.equitrain.cli.bench;

import java.util.Arrays;

/**
 * Wall-clock timing of a repeated operation: warm-up, then several timed samples of many calls each; the median
 * sample is reported (robust to the odd GC pause or noisy neighbour on a 2-core machine).
 */
public record Measurement(String name, double medianNanosPerOp, double minNanosPerOp, double maxNanosPerOp,
        int samples, long opsPerSample) {

    /** Something to time; {@code run} is called many times. */
    @FunctionalInterface
    public interface Op {
        void run() throws Exception;
    }

    /** Times {@code op}: warms up for about {@code warmupSeconds}, then takes {@code samples} samples of ~targetMillis. */
    public static Measurement of(String name, Op op, double warmupSeconds, int samples, double targetMillis)
            throws Exception {
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        long calls = 0;
        long t0 = System.nanoTime();
        do {
            op.run();
            calls++;
        } while (System.nanoTime() < warmEnd);
        double perCall = (System.nanoTime() - t0) / (double) calls;
        long ops = Math.max(1, (long) (targetMillis * 1e6 / perCall));
        double[] perOp = new double[samples];
        for (int s = 0; s < samples; s++) {
            long start = System.nanoTime();
            for (long i = 0; i < ops; i++) {
                op.run();
            }
            perOp[s] = (System.nanoTime() - start) / (double) ops;
        }
        Arrays.sort(perOp);
        return new Measurement(name, perOp[samples / 2], perOp[0], perOp[samples - 1], samples, ops);
    }

    public double microsPerOp() {
        return medianNanosPerOp / 1e3;
    }
}
