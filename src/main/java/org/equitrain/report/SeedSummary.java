package org.equitrain.report;

/**
 * One metric summarised over seeds: mean, sample standard deviation and a Student-t confidence interval
 * mean ± t_{(1+level)/2, n−1} · std / √n (fairness-metrics.md §6, "across seeds"). Seeds whose value is NaN are
 * dropped and counted in {@link #dropped}. With fewer than two values the spread and interval are NaN.
 *
 * @param n       number of finite values used
 * @param dropped number of NaN values left out
 * @param level   coverage of the interval, e.g. 0.95
 */
public record SeedSummary(double mean, double std, double ciLow, double ciHigh, int n, int dropped, double level) {
    /** Default coverage of the across-seed interval. */
    public static final double DEFAULT_LEVEL = 0.95;

    /** Mean, standard deviation and 95% Student-t interval of {@code perSeed}. */
    public static SeedSummary of(double... perSeed) {
        return atLevel(DEFAULT_LEVEL, perSeed);
    }

    /** As {@link #of(double...)} with interval coverage {@code level} in (0, 1). */
    public static SeedSummary atLevel(double level, double[] perSeed) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must be in (0, 1), got " + level);
        }
        int n = 0;
        double sum = 0;
        for (double v : perSeed) {
            if (Double.isNaN(v)) {
                continue;
            }
            n++;
            sum += v;
        }
        int dropped = perSeed.length - n;
        if (n == 0) {
            return new SeedSummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, dropped, level);
        }
        double mean = sum / n;
        if (n == 1) {
            return new SeedSummary(mean, Double.NaN, Double.NaN, Double.NaN, 1, dropped, level);
        }
        double ss = 0;
        for (double v : perSeed) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double std = Math.sqrt(ss / (n - 1));
        double half = StudentT.quantile(0.5 * (1 + level), n - 1) * std / Math.sqrt(n);
        return new SeedSummary(mean, std, mean - half, mean + half, n, dropped, level);
    }

    /** The summary as a table cell: the mean with its interval. */
    public Estimate estimate() {
        return new Estimate(mean, ciLow, ciHigh);
    }
}
