package org.equitrain.autophagy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulates a self-consuming ("autophagous") training loop after Alemohammad et al., arXiv 2307.01850
 * (ple.md §7). Generation 1 fits the estimator to n real samples. Generation t ≥ 2 fits a fresh estimator to
 * D^t = n_s synthetic samples from generation t − 1 (option: from all previous generations) + n_f samples of a
 * fixed real set (the first n_f samples of generation 1's real data) + n_r fresh real samples. The whole loop is
 * replicated over seeds; replicate r is seeded from (seed, r) alone, so results do not depend on thread count.
 *
 * <p>Immutable; start from a preset ({@link #fullySynthetic}, {@link #syntheticAugmentation},
 * {@link #freshData}) and adjust with {@code with*}. Defaults: 20 generations, 100 replicates, seed 0, unbiased
 * sampling (λ_s = 1), synthetic data from the previous generation, all available processors, and the metrics
 * mean shift, variance ratio and KL(true ‖ model) (plus the minority metrics when the truth is a mixture).
 */
public final class SelfConsumingLoop {
    /** Where the synthetic part of D^t comes from. */
    public enum SyntheticSource {
        /** n_s samples from generation t − 1 (the default). */
        PREVIOUS_GENERATION,
        /** n_s samples split evenly over generations 1..t−1 (remainder to the most recent ones). */
        ALL_PREVIOUS_GENERATIONS
    }

    private final GenerativeModel truth;
    private final Estimator<?> estimator;
    private final int realSize;
    private final int syntheticSize;
    private final int fixedRealSize;
    private final int freshRealSize;
    private final int generations;
    private final int replicates;
    private final long seed;
    private final int threads;
    private final double samplingBias;
    private final SyntheticSource source;
    private final List<LoopMetric> metrics;

    private SelfConsumingLoop(GenerativeModel truth, Estimator<?> estimator, int realSize, int syntheticSize,
            int fixedRealSize, int freshRealSize, int generations, int replicates, long seed, int threads,
            double samplingBias, SyntheticSource source, List<LoopMetric> metrics) {
        this.truth = truth;
        this.estimator = estimator;
        this.realSize = realSize;
        this.syntheticSize = syntheticSize;
        this.fixedRealSize = fixedRealSize;
        this.freshRealSize = freshRealSize;
        this.generations = generations;
        this.replicates = replicates;
        this.seed = seed;
        this.threads = threads;
        this.samplingBias = samplingBias;
        this.source = source;
        this.metrics = List.copyOf(metrics);
    }

    /** {@code fully-synthetic}: n real samples, then n_s = n synthetic samples per generation. */
    public static SelfConsumingLoop fullySynthetic(GenerativeModel truth, Estimator<?> estimator, int n) {
        return create(truth, estimator, n, n, 0, 0);
    }

    /** {@code synthetic-augmentation}: n_s synthetic samples plus the whole generation-1 real set (n_f = n). */
    public static SelfConsumingLoop syntheticAugmentation(GenerativeModel truth, Estimator<?> estimator, int n,
            int syntheticSize) {
        return create(truth, estimator, n, syntheticSize, n, 0);
    }

    /** {@code fresh-data}: n_s synthetic samples plus n_r fresh real samples per generation. */
    public static SelfConsumingLoop freshData(GenerativeModel truth, Estimator<?> estimator, int n,
            int syntheticSize, int freshRealSize) {
        return create(truth, estimator, n, syntheticSize, 0, freshRealSize);
    }

    private static SelfConsumingLoop create(GenerativeModel truth, Estimator<?> estimator, int n, int ns, int nf,
            int nr) {
        return new SelfConsumingLoop(truth, estimator, 1, 0, 0, 0, 20, 100, 0L,
                Runtime.getRuntime().availableProcessors(), 1.0, SyntheticSource.PREVIOUS_GENERATION,
                defaultMetrics(truth)).withSizes(n, ns, nf, nr);
    }

    private static List<LoopMetric> defaultMetrics(GenerativeModel truth) {
        List<LoopMetric> m = new ArrayList<>(List.of(LoopMetric.meanShift(), LoopMetric.varianceRatio(),
                LoopMetric.kl(KlDivergence.DEFAULT_SAMPLES)));
        if (truth instanceof GaussianMixtureModel) {
            m.addAll(List.of(LoopMetric.minorityWeight(), LoopMetric.minorityVariance(),
                    LoopMetric.minorityLogLikelihood(KlDivergence.DEFAULT_SAMPLES)));
        }
        return m;
    }

    /** All sizes: n (generation 1), n_s synthetic, n_f fixed real (≤ n), n_r fresh real. */
    public SelfConsumingLoop withSizes(int n, int ns, int nf, int nr) {
        if (n < 1 || ns < 0 || nf < 0 || nr < 0 || nf > n || ns + nf + nr < 1) {
            throw new IllegalArgumentException("loop sizes: need n >= 1, n_s, n_f, n_r >= 0, n_f <= n and"
                    + " n_s + n_f + n_r >= 1; got n=" + n + ", n_s=" + ns + ", n_f=" + nf + ", n_r=" + nr);
        }
        return new SelfConsumingLoop(truth, estimator, n, ns, nf, nr, generations, replicates, seed, threads,
                samplingBias, source, metrics);
    }

    /** This with {@code t} ≥ 1 generations. */
    public SelfConsumingLoop withGenerations(int t) {
        requirePositive("generations", t);
        return new SelfConsumingLoop(truth, estimator, realSize, syntheticSize, fixedRealSize, freshRealSize, t,
                replicates, seed, threads, samplingBias, source, metrics);
    }

    /** This with {@code r} ≥ 1 replicates. */
    public SelfConsumingLoop withReplicates(int r) {
        requirePositive("replicates", r);
        return new SelfConsumingLoop(truth, estimator, realSize, syntheticSize, fixedRealSize, freshRealSize,
                generations, r, seed, threads, samplingBias, source, metrics);
    }

    /** This with seed {@code s}. */
    public SelfConsumingLoop withSeed(long s) {
        return new SelfConsumingLoop(truth, estimator, realSize, syntheticSize, fixedRealSize, freshRealSize,
                generations, replicates, s, threads, samplingBias, source, metrics);
    }

    /** Worker threads; results are identical for every value. */
    public SelfConsumingLoop withThreads(int n) {
        requirePositive("threads", n);
        return new SelfConsumingLoop(truth, estimator, realSize, syntheticSize, fixedRealSize, freshRealSize,
                generations, replicates, seed, n, samplingBias, source, metrics);
    }

    /** λ_s ∈ (0, 1]: synthetic samples are drawn with the model's standard deviation scaled by λ_s (ple.md §7). */
    public SelfConsumingLoop withSamplingBias(double lambda) {
        return new SelfConsumingLoop(truth, estimator, realSize, syntheticSize, fixedRealSize, freshRealSize,
                generations, replicates, seed, threads, GenerativeModel.checkSamplingBias(lambda), source, metrics);
    }

    /** Where the synthetic part of D^t comes from. */
    public SelfConsumingLoop withSyntheticSource(SyntheticSource s) {
        return new SelfConsumingLoop(truth, estimator, realSize, syntheticSize, fixedRealSize, freshRealSize,
                generations, replicates, seed, threads, samplingBias, s, metrics);
    }

    /** This with the metrics {@code m} (at least one), replacing the defaults. */
    public SelfConsumingLoop withMetrics(List<LoopMetric> m) {
        if (m.isEmpty()) {
            throw new IllegalArgumentException("a loop needs at least one metric");
        }
        return new SelfConsumingLoop(truth, estimator, realSize, syntheticSize, fixedRealSize, freshRealSize,
                generations, replicates, seed, threads, samplingBias, source, m);
    }

    private static void requirePositive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + v);
        }
    }

    /** Runs every replicate (in parallel) and returns all per-generation metric values. */
    public LoopResult run() {
        return run(() -> { });
    }

    /** {@link #run()}, calling {@code onReplicate} (from any worker thread) as each replicate finishes. */
    public LoopResult run(Runnable onReplicate) {
        double[][][] values = new double[metrics.size()][generations][replicates];
        Replicates.run(replicates, seed, threads, (s, r) -> {
            replicate(s, r, values);
            onReplicate.run();
        });
        List<String> names = new ArrayList<>();
        for (LoopMetric m : metrics) {
            names.add(m.name());
        }
        return new LoopResult(names, values);
    }

    /** One replicate: independent streams for data, estimator randomness and Monte-Carlo metrics. */
    private void replicate(long replicateSeed, int r, double[][][] values) {
        SplittableRandom data = new SplittableRandom(replicateSeed);
        SplittableRandom fitRng = data.split();
        SplittableRandom metricRng = data.split();
        int d = truth.dim();
        List<GenerativeModel> models = new ArrayList<>(generations);
        double[] real = truth.sample(realSize, data);
        models.add(estimator.fit(real, d, fitRng));
        record(values, 0, r, models.get(0), metricRng);
        for (int t = 2; t <= generations; t++) {
            double[] set = new double[(syntheticSize + fixedRealSize + freshRealSize) * d];
            synthetic(models, data, set);
            int pos = syntheticSize * d;
            System.arraycopy(real, 0, set, pos, fixedRealSize * d);
            pos += fixedRealSize * d;
            truth.sample(freshRealSize, 1.0, data, set, pos);
            models.add(estimator.fit(set, d, fitRng));
            record(values, t - 1, r, models.get(t - 1), metricRng);
        }
    }

    /** The n_s synthetic rows of D^t, from generation t − 1 or spread over all earlier generations. */
    private void synthetic(List<GenerativeModel> models, SplittableRandom rng, double[] out) {
        int previous = models.size();
        if (source == SyntheticSource.PREVIOUS_GENERATION) {
            models.get(previous - 1).sample(syntheticSize, samplingBias, rng, out, 0);
            return;
        }
        int base = syntheticSize / previous;
        int extra = syntheticSize % previous;
        int pos = 0;
        for (int g = 0; g < previous; g++) {
            int share = base + (g >= previous - extra ? 1 : 0);
            models.get(g).sample(share, samplingBias, rng, out, pos);
            pos += share * truth.dim();
        }
    }

    private void record(double[][][] values, int generation, int r, GenerativeModel model, SplittableRandom rng) {
        for (int m = 0; m < metrics.size(); m++) {
            values[m][generation][r] = metrics.get(m).value(truth, model, rng);
        }
    }
}
