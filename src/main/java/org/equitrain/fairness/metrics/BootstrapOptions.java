package org.equitrain.fairness.metrics;

/**
 * Bootstrap settings (spec §6, Fairlearn v0.10 {@code n_boot}, {@code ci_quantiles}): number of resamples (default
 * 1000), interval level (default 0.95, percentile interval), stratification (default by group), seed (default 0),
 * and whether replicates run in parallel (default on; results do not depend on it, but user metrics must then be
 * thread-safe).
 */
public record BootstrapOptions(int nBoot, double level, Stratify stratify, long seed, boolean parallel) {
    /** Checks {@code nBoot ≥ 1}, {@code level} in (0, 1) and a non-null {@code stratify}. */
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

    /** 1000 resamples, 95% interval, stratified by group, seed 0, parallel. */
    public static BootstrapOptions defaults() {
        return new BootstrapOptions(1000, 0.95, Stratify.GROUP, 0L, true);
    }

    /** This with {@code n} resamples (at least 1). */
    public BootstrapOptions withNBoot(int n) {
        return new BootstrapOptions(n, level, stratify, seed, parallel);
    }

    /** This with interval level {@code l} in (0, 1). */
    public BootstrapOptions withLevel(double l) {
        return new BootstrapOptions(nBoot, l, stratify, seed, parallel);
    }

    /** This with stratification {@code s}. */
    public BootstrapOptions withStratify(Stratify s) {
        return new BootstrapOptions(nBoot, level, s, seed, parallel);
    }

    /** This with seed {@code s}. */
    public BootstrapOptions withSeed(long s) {
        return new BootstrapOptions(nBoot, level, stratify, s, parallel);
    }

    /** This with replicates run in parallel or not (same results either way). */
    public BootstrapOptions withParallel(boolean p) {
        return new BootstrapOptions(nBoot, level, stratify, seed, p);
    }
}
