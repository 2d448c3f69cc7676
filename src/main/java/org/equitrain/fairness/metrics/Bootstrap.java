package org.equitrain.fairness.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.equitrain.concurrent.ParallelRange;
import org.equitrain.data.Quantiles;

/**
 * Bootstrap percentile intervals (spec §6): resample rows with replacement (by default within each group), recompute
 * the statistics on each replicate, and report the (1 − level)/2 and (1 + level)/2 quantiles (linear interpolation,
 * as NumPy's default used by Fairlearn). Replicates where a value is NaN are dropped and counted. Each replicate
 * draws from its own seed derived from {@code seed}, so results are reproducible, in parallel or not. Exact
 * percentiles need every replicate's values, so all are kept; a count whose values cannot fit in memory is refused
 * up front with a {@link BootstrapMemoryException}.
 */
public final class Bootstrap {
    private Bootstrap() {
    }

    /** Intervals of every statistic of a metric frame ({@link MetricFrame#statistics()}). */
    public static BootstrapIntervals metricFrame(FrameInput data, Map<String, Metric> metrics,
            FrameOptions frameOptions, BootstrapOptions options) {
        return run(data, d -> MetricFrame.of(d, metrics, frameOptions).statistics(), options);
    }

    /**
     * Intervals of any named statistics of the data. The keys are those the statistic returns on the full data; a
     * replicate that lacks a key (e.g. a group absent without stratification) counts as NaN.
     */
    public static BootstrapIntervals run(FrameInput data, Function<FrameInput, Map<String, Double>> statistic,
            BootstrapOptions options) {
        return run(data, statistic, options, () -> { });
    }

    /** {@link #run(FrameInput, Function, BootstrapOptions)}, calling {@code onResample} (from any thread) per draw. */
    public static BootstrapIntervals run(FrameInput data, Function<FrameInput, Map<String, Double>> statistic,
            BootstrapOptions options, Runnable onResample) {
        List<String> keys = new ArrayList<>(statistic.apply(data).keySet());
        int b = options.nBoot();
        checkMemory(b, keys.size());
        double[][] draws = new double[keys.size()][b];
        SplittableRandom seeds = new SplittableRandom(options.seed());
        long[] seed = new long[b];
        for (int r = 0; r < b; r++) {
            seed[r] = seeds.nextLong();
        }
        IntConsumer replicate = r -> {
            SplittableRandom rng = new SplittableRandom(seed[r]);
            Map<String, Double> s = statistic.apply(data.subset(resample(data, options.stratify(), rng)));
            for (int k = 0; k < keys.size(); k++) {
                Double v = s.get(keys.get(k));
                draws[k][r] = v == null ? Double.NaN : v;
            }
            onResample.run();
        };
        if (options.parallel()) {
            ParallelRange.forEach(b, replicate); // a user statistic's exception comes back as it was thrown
        } else {
            IntStream.range(0, b).forEach(replicate);
        }
        double lowQ = (1 - options.level()) / 2;
        Map<String, Interval> out = new LinkedHashMap<>();
        for (int k = 0; k < keys.size(); k++) {
            out.put(keys.get(k), interval(draws[k], lowQ, 1 - lowQ));
        }
        return new BootstrapIntervals(out, options);
    }

    /**
     * Refuses {@code b} resamples when their values (and seeds) would take more than half the free heap, the rest
     * being left to the replicates' working memory.
     */
    static void checkMemory(int b, int statistics) {
        long perResample = (statistics + 1L) * Double.BYTES;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (perResample * b > free / 2) {
            throw new BootstrapMemoryException(b, statistics, perResample * b, free, free / 2 / perResample);
        }
    }

    /** Row indices of one replicate. */
    static int[] resample(FrameInput data, Stratify stratify, SplittableRandom rng) {
        int n = data.size();
        int[] rows = new int[n];
        if (stratify == Stratify.NONE) {
            for (int i = 0; i < n; i++) {
                rows[i] = rng.nextInt(n);
            }
            return rows;
        }
        GroupIndex index = data.groupIndex();
        int o = 0;
        for (int g = 0; g < index.groups().size(); g++) {
            int[] members = index.members(g);
            for (int i = 0; i < members.length; i++) {
                rows[o++] = members[rng.nextInt(members.length)];
            }
        }
        return rows;
    }

    private static Interval interval(double[] values, double lowQ, double highQ) {
        double[] kept = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int dropped = values.length - kept.length;
        if (kept.length == 0) {
            return new Interval(Double.NaN, Double.NaN, 0, dropped,
                    "undefined in all " + values.length + " replicates");
        }
        return new Interval(Quantiles.ofSorted(kept, lowQ), Quantiles.ofSorted(kept, highQ), kept.length, dropped, null);
    }
}
