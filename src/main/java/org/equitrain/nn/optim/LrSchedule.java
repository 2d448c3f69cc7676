package org.equitrain.nn.optim;

import java.util.Arrays;

/**
 * A learning rate as a function of a time index t = 0, 1, 2, … — an epoch or a step count; the caller decides
 * which and calls {@link Optimizer#setLearningRate} with {@code at(t)}. Factories follow PyTorch's schedulers and
 * refuse rates and decay factors that are NaN, negative or infinite.
 */
@FunctionalInterface
public interface LrSchedule {
    /** The learning rate at time {@code t ≥ 0}. */
    double at(long t);

    /** The same {@code lr} at every t. */
    static LrSchedule constant(double lr) {
        checkRate("constant", "learning rate", lr);
        return t -> lr;
    }

    /** StepLR: {@code lr · γ^⌊t / every⌋}. */
    static LrSchedule step(double lr, int every, double gamma) {
        checkRate("step", "learning rate", lr);
        checkRate("step", "decay factor γ", gamma);
        if (every <= 0) {
            throw new IllegalArgumentException("step schedule: period must be > 0, got " + every);
        }
        return t -> lr * Math.pow(gamma, t / every);
    }

    /** MultiStepLR: {@code lr · γ^k} with k the number of milestones ≤ t. */
    static LrSchedule multiStep(double lr, int[] milestones, double gamma) {
        checkRate("multi-step", "learning rate", lr);
        checkRate("multi-step", "decay factor γ", gamma);
        int[] sorted = milestones.clone();
        Arrays.sort(sorted);
        return t -> {
            int k = 0;
            while (k < sorted.length && sorted[k] <= t) {
                k++;
            }
            return lr * Math.pow(gamma, k);
        };
    }

    /**
     * CosineAnnealingLR over one half period: {@code η_min + ½(lr − η_min)(1 + cos(π t / total))}, then η_min for
     * t ≥ total.
     */
    static LrSchedule cosine(double lr, long total, double minLr) {
        checkRate("cosine", "learning rate", lr);
        checkRate("cosine", "minimum learning rate", minLr);
        if (total <= 0) {
            throw new IllegalArgumentException("cosine schedule: total must be > 0, got " + total);
        }
        return t -> minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * Math.min(t, total) / total));
    }

    /**
     * Linear warm-up for {@code warmup} time units: {@code at(0) · (t + 1) / (warmup + 1)} for t &lt; warmup,
     * then this schedule shifted to start at t = warmup (so a cosine runs over the units after the warm-up).
     */
    default LrSchedule withWarmup(long warmup) {
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up must be ≥ 0, got " + warmup);
        }
        LrSchedule inner = this;
        return t -> t < warmup ? inner.at(0) * (t + 1) / (warmup + 1) : inner.at(t - warmup);
    }

    /** Refuses a rate or factor that is NaN, negative or infinite, naming the schedule and what it is. */
    private static void checkRate(String schedule, String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(schedule + " schedule: " + what + " must be finite and ≥ 0, got " + v);
        }
    }
}
