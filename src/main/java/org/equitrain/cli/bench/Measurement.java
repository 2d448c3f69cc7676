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
        return alternating(new String[] {name}, new Op[] {op}, warmupSeconds, samples, targetMillis)[0];
    }

    /**
     * Times several operations whose ratio is reported: each is warmed up and calibrated as in {@link #of}, then
     * their samples are taken in turn (sample s of every op before sample s + 1 of any), so that a noisy
     * neighbour slows them all alike instead of whichever happened to run at the time.
     */
    public static Measurement[] alternating(String[] names, Op[] ops, double warmupSeconds, int samples,
            double targetMillis) throws Exception {
        long[] opsPerSample = new long[ops.length];
        for (int o = 0; o < ops.length; o++) {
            long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
            long calls = 0;
            long t0 = System.nanoTime();
            do {
                ops[o].run();
                calls++;
            } while (System.nanoTime() < warmEnd);
            double perCall = (System.nanoTime() - t0) / (double) calls;
            opsPerSample[o] = Math.max(1, (long) (targetMillis * 1e6 / perCall));
        }
        double[][] perOp = new double[ops.length][samples];
        for (int s = 0; s < samples; s++) {
            for (int o = 0; o < ops.length; o++) {
                long start = System.nanoTime();
                for (long i = 0; i < opsPerSample[o]; i++) {
                    ops[o].run();
                }
                perOp[o][s] = (System.nanoTime() - start) / (double) opsPerSample[o];
            }
        }
        Measurement[] out = new Measurement[ops.length];
        for (int o = 0; o < ops.length; o++) {
            Arrays.sort(perOp[o]);
            out[o] = new Measurement(names[o], perOp[o][samples / 2], perOp[o][0], perOp[o][samples - 1], samples,
                    opsPerSample[o]);
        }
        return out;
    }

    public double microsPerOp() {
        return medianNanosPerOp / 1e3;
    }
}
