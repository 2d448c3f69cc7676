package org.equitrain.fairness.metrics;

/**
 * Bootstrap settings (spec §6, Fairlearn v0.10 {@code n_boot}, {@code ci_quantiles}): number of resamples (default
 * 1000), interval level (default 0.95, percentile interval), stratification (default by group) and seed (default 0).
 */
public record BootstrapOptions(int nBoot, double level, Stratify stratify, long seed) {
    public BootstrapOptions {
        if (nBoot < 1) {
            throw new IllegalArgumentException("nBoot must be at least 1, got " + nBoot);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must lie in (0, 1), got " + level);
        }
        if (stratify == null) {
            throw new IllegalArgumentException("stratify is required");
        }
    }

    public static BootstrapOptions defaults() {
        return new BootstrapOptions(1000, 0.95, Stratify.GROUP, 0L);
    }

    public BootstrapOptions withNBoot(int n) {
        return new BootstrapOptions(n, level, stratify, seed);
    }

    public BootstrapOptions withLevel(double l) {
        return new BootstrapOptions(nBoot, l, stratify, seed);
    }

    public BootstrapOptions withStratify(Stratify s) {
        return new BootstrapOptions(nBoot, level, s, seed);
    }

    public BootstrapOptions withSeed(long s) {
        return new BootstrapOptions(nBoot, level, stratify, s);
    }
}
