package org.equitrain.autophagy.ple;

/**
 * Watches the mean NLL of the estimates on their own conditioning sets during PLE training, in blocks of steps
 * (1 to 50, a twentieth of the run), and stops a run whose block mean rises more than max(10, |best|) nats per
 * sample above the best block mean so far. A penalty that trades fit for autophagy consistency moves the NLL by a
 * fraction of a nat (spec §3: c moves from 1/n towards 1/(n−1)); a rise of 10 nats is a likelihood e^10 times
 * smaller per sample, which only a runaway gives (e.g. {@link PleOptions.SyntheticGradient#STOP_TARGET}, whose
 * fixed point repels).
 */
final class FitMonitor {
    static final double RISE_NATS = 10;

    private final int block;
    private double sum;
    private int count;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEnd;

    /** A monitor for a run of {@code steps} steps. */
    FitMonitor(int steps) {
        this.block = Math.max(1, Math.min(50, steps / 20));
    }

    /** Adds step {@code step}'s (1-based) mean NLL; throws when the block it completes has diverged. */
    void add(int step, double nll) {
        sum += nll;
        if (++count < block) {
            return;
        }
        double mean = sum / count;
        sum = 0;
        count = 0;
        if (mean < best) {
            best = mean;
            bestEnd = step;
        } else if (mean > best + Math.max(RISE_NATS, Math.abs(best))) {
            throw new EstimatesDivergedException(step, mean, step - block + 1, best, bestEnd - block + 1, bestEnd);
        }
    }
}
