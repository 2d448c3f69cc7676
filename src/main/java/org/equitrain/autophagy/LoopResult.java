package org.equitrain.autophagy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.equitrain.data.Quantiles;

/** Per-generation metric values of every replicate of a {@link SelfConsumingLoop}, and their summaries. */
public final class LoopResult {
    private final List<String> metrics;
    private final double[][][] values; // [metric][generation − 1][replicate]

    LoopResult(List<String> metrics, double[][][] values) {
        this.metrics = List.copyOf(metrics);
        this.values = values;
    }

    /** A result from values indexed [metric][generation − 1][replicate] (loops outside this package). */
    public static LoopResult of(List<String> metrics, double[][][] values) {
        if (values.length != metrics.size() || values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("loop result: " + values.length + " metric rows for metrics " + metrics);
        }
        return new LoopResult(metrics, values);
    }

    /** The metric names, in order. */
    public List<String> metricNames() {
        return metrics;
    }

    /** Number of generations T. */
    public int generations() {
        return values[0].length;
    }

    /** Number of replicates. */
    public int replicates() {
        return values[0][0].length;
    }

    /** The metric's value in every replicate at {@code generation} (1-based; generation 1 = fit to real data). */
    public double[] values(String metric, int generation) {
        return row(metric, generation).clone();
    }

    /** Mean, standard error, median and 95% interval across replicates at {@code generation}. */
    public GenerationSummary summary(String metric, int generation) {
        double[] x = row(metric, generation).clone();
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : Double.NaN;
        Arrays.sort(x);
        return new GenerationSummary(generation, mean, se, Quantiles.ofSorted(x, 0.5), Quantiles.ofSorted(x, 0.025),
                Quantiles.ofSorted(x, 0.975));
    }

    /** {@link #summary} for generations 1..T. */
    public List<GenerationSummary> summaries(String metric) {
        List<GenerationSummary> out = new ArrayList<>(generations());
        for (int t = 1; t <= generations(); t++) {
            out.add(summary(metric, t));
        }
        return out;
    }

    private double[] row(String metric, int generation) {
        int m = metrics.indexOf(metric);
        if (m < 0) {
            throw new IllegalArgumentException("no metric '" + metric + "' in this result; metrics: " + metrics);
        }
        if (generation < 1 || generation > generations()) {
            throw new IllegalArgumentException("generation " + generation + " outside 1.." + generations());
        }
        return values[m][generation - 1];
    }
}
