package org.equitrain.cli.bench;

import java.util.Arrays;
import org.equitrain.tensor.Workspace;

/**
 * Wall-clock timing of a repeated operation: warm-up, then several timed samples of many calls each; the median
 * sample is reported (robust to the odd GC pause or noisy neighbour on a 2-core machine).
 */
public record Measurement(String name, double medianNanosPerOp, double minNanosPerOp, double maxNanosPerOp,
        int samples, long opsPerSample) {

    /** Something to time; {@code run} is called many times. */
    @FunctionalInterface
    public interface Op {
        /** One call of the operation; an exception aborts the measurement. */
        void run() throws Exception;
    }

    /** {@code op} as a training loop runs a step: inside a scope of its own {@link Workspace}, recycled per call. */
    public static Op inWorkspace(Op op) {
        Workspace ws = new Workspace();
        return () -> {
            try (Workspace.Scope step = ws.enter()) {
                op.run();
            }
        };
    }

    /**
     * Times {@code op}: warms it up (at least {@code warmupSeconds}, see {@link #callsPerSample}), then takes
     * {@code samples} samples of ~targetMillis.
     */
    public static Measurement of(String name, Op op, double warmupSeconds, int samples, double targetMillis)
            throws Exception {
        return interleaved(new String[] {name}, new Op[] {op}, warmupSeconds, samples, targetMillis)[0];
    }

    /**
     * Times several ops that will be compared, taking their samples in turn (op 1, op 2, …, op 1, op 2, …) so that
     * a slow patch of a shared machine falls on all of them alike rather than on whichever ran at the time.
     */
    public static Measurement[] interleaved(String[] names, Op[] ops, double warmupSeconds, int samples,
            double targetMillis) throws Exception {
        long[] opsPerSample = new long[ops.length];
        for (int k = 0; k < ops.length; k++) {
            opsPerSample[k] = callsPerSample(ops[k], warmupSeconds, targetMillis);
        }
        double[][] perOp = new double[ops.length][samples];
        for (int s = 0; s < samples; s++) {
            for (int k = 0; k < ops.length; k++) {
                long start = System.nanoTime();
                for (long i = 0; i < opsPerSample[k]; i++) {
                    ops[k].run();
                }
                perOp[k][s] = (System.nanoTime() - start) / (double) opsPerSample[k];
            }
        }
        Measurement[] out = new Measurement[ops.length];
        for (int k = 0; k < ops.length; k++) {
            Arrays.sort(perOp[k]);
            out[k] = new Measurement(names[k], perOp[k][samples / 2], perOp[k][0], perOp[k][samples - 1], samples,
                    opsPerSample[k]);
        }
        return out;
    }

    /**
     * Warms {@code op} up until it runs at its steady speed and returns how many calls take ~targetMillis. The JIT
     * may still be compiling after {@code warmupSeconds} (a FORML step measured 25 % slow after 3 s on 2 cores), so
     * warm-up goes on in rounds of {@code warmupSeconds / 3} until a round is no more than 2 % faster than the one
     * before, for at most {@code 4 × warmupSeconds} in all.
     */
    private static long callsPerSample(Op op, double warmupSeconds, double targetMillis) throws Exception {
        long round = (long) (warmupSeconds * 1e9 / 3);
        long end = System.nanoTime() + 4 * 3 * round;
        double previous = Double.POSITIVE_INFINITY;
        double perCall = timeRound(op, round);
        for (int r = 1; r < 3 || (perCall < 0.98 * previous && System.nanoTime() < end); r++) {
            previous = perCall;
            perCall = timeRound(op, round);
        }
        return Math.max(1, (long) (targetMillis * 1e6 / perCall));
    }

    /** Calls {@code op} for about {@code nanos} (at least once); returns nanoseconds per call. */
    private static double timeRound(Op op, long nanos) throws Exception {
        long t0 = System.nanoTime();
        long calls = 0;
        long now;
        do {
            op.run();
            calls++;
            now = System.nanoTime();
        } while (now - t0 < nanos);
        return (now - t0) / (double) calls;
    }

    /** The median time per call in microseconds. */
    public double microsPerOp() {
        return medianNanosPerOp / 1e3;
    }
}
