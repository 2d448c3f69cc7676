package org.equitrain.experiments;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.equitrain.autophagy.Estimator;
import org.equitrain.autophagy.GaussianEstimator;
import org.equitrain.autophagy.GaussianModel;
import org.equitrain.autophagy.GenerationSummary;
import org.equitrain.autophagy.LoopMetric;
import org.equitrain.autophagy.LoopResult;
import org.equitrain.autophagy.SelfConsumingLoop;
import org.equitrain.autophagy.ple.PleOptions;
import org.equitrain.report.Estimate;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import org.equitrain.report.Table;

/**
 * {@code autophagy-gaussian} (PLE spec §8 "Gaussian loop"): N(0, 1), fully synthetic loop, n = 10 per generation,
 * 50 generations, 1,000 replicates (quick: 200); σ̂² per generation for the MLE, the unbiased estimator, the λ = 0
 * hypernetwork and PLE (λ = 0.1 and λ = 1), the learned ones trained once with the ple-bias protocol and then frozen
 * ({@link org.equitrain.autophagy.ple.LoopEstimator}). The closed-form rows are compared with the spec's reference
 * simulation (20,000 replicates).
 */
public final class AutophagyGaussianExperiment implements Experiment {
    static final int N = 10;
    static final int[] CHECKPOINTS = {1, 5, 10, 20, 50};
    /** Spec §8 table, n = 10: mean and median σ̂² at generations 1/5/10/20/50 [ref-sim]. */
    static final double[] MLE_MEAN = {0.903, 0.593, 0.341, 0.126, 0.004};
    static final double[] MLE_MEDIAN = {0.840, 0.351, 0.114, 0.013, 0.000};
    static final double[] UNBIASED_MEAN = {0.997, 1.012, 1.040, 1.099, 1.018};
    static final double[] UNBIASED_MEDIAN = {0.925, 0.593, 0.331, 0.104, 0.003};
    /** Spec §8: fresh-data loop (10 synthetic + 10 fresh real): MLE settles near 0.93, unbiased near 1.03. */
    static final double FRESH_MLE = 0.93;
    static final double FRESH_UNBIASED = 1.03;

    @Override
    public String name() {
        return "autophagy-gaussian";
    }

    @Override
    public String title() {
        return "Self-consuming Gaussian loop: MLE, unbiased, hypernetwork and PLE over 50 generations";
    }

    @Override
    public String run(RunSettings settings, Path dir) throws Exception {
        Results results = settings.results(name()); // the wall clock runs from here
        int replicates = settings.pick(200, 1000);
        int generations = 50;
        GaussianPle.Budget budget = new GaussianPle.Budget(settings.pick(1500, 4000), settings.pick(12, 32));
        Map<String, Estimator<?>> estimators = new LinkedHashMap<>();
        estimators.put("MLE", GaussianEstimator.mle());
        estimators.put("unbiased", GaussianEstimator.unbiased());
        for (double lambda : new double[] {0, 0.1, 1}) {
            estimators.put(GaussianPle.label(lambda),
                    GaussianPle.train(N, PleOptions.defaults().withWeight(lambda), budget, settings.seed(7)));
        }
        results.seeds(settings.seed(0));
        Report report = new Report(title());
        report.paragraph(String.format(Locale.ROOT, "N(0, 1), fully synthetic (n_s = n = %d), %d generations, %d "
                + "replicates; generation 1 is the fit to real data. Learned estimators: trained once on sets of "
                + "n = %d with varying μ, σ² (%d steps × %d sets, seed %d), then frozen and applied to each "
                + "generation's data.", N, generations, replicates, N, budget.steps(), budget.setsPerStep(),
                settings.seed(7)));
        Map<String, LoopResult> runs = new LinkedHashMap<>();
        Map<String, Object> curves = new LinkedHashMap<>();
        for (Map.Entry<String, Estimator<?>> e : estimators.entrySet()) {
            LoopResult r = SelfConsumingLoop.fullySynthetic(GaussianModel.univariate(0, 1), e.getValue(), N)
                    .withGenerations(generations).withReplicates(replicates).withSeed(settings.seed(0))
                    .withMetrics(List.of(LoopMetric.varianceRatio(), LoopMetric.meanShift())).run();
            runs.put(e.getKey(), r);
            curves.put(e.getKey(), Map.of("variance", LoopCurves.json(r, "varianceRatio"),
                    "mean_shift", LoopCurves.json(r, "meanShift")));
        }
        results.figure("curves", curves);
        Table table = Table.of("estimator", "statistic", "gen 1", "gen 5", "gen 10", "gen 20", "gen 50")
                .caption("σ̂² per generation: ours (mean ± 1.96 SE; median) and the spec's reference simulation "
                        + "(20,000 replicates). The unbiased mean is heavy-tailed late in the loop.");
        Map<String, Object> checkpoints = new LinkedHashMap<>();
        for (Map.Entry<String, LoopResult> e : runs.entrySet()) {
            Object[] meanRow = new Object[CHECKPOINTS.length + 2];
            Object[] medianRow = new Object[CHECKPOINTS.length + 2];
            meanRow[0] = e.getKey();
            meanRow[1] = "mean";
            medianRow[0] = e.getKey();
            medianRow[1] = "median";
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < CHECKPOINTS.length; i++) {
                GenerationSummary g = e.getValue().summary("varianceRatio", CHECKPOINTS[i]);
                meanRow[i + 2] = Estimate.plusMinus(g.mean(), 1.96 * g.standardError());
                medianRow[i + 2] = g.median();
                m.put("mean_gen_" + CHECKPOINTS[i], g.mean());
                m.put("mean_se_gen_" + CHECKPOINTS[i], g.standardError());
                m.put("median_gen_" + CHECKPOINTS[i], g.median());
            }
            table.row(meanRow).row(medianRow);
            checkpoints.put(key(e.getKey()), m);
        }
        table.row(reference("MLE (spec)", "mean", MLE_MEAN)).row(reference("MLE (spec)", "median", MLE_MEDIAN))
                .row(reference("unbiased (spec)", "mean", UNBIASED_MEAN))
                .row(reference("unbiased (spec)", "median", UNBIASED_MEDIAN));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("mle_mean", MLE_MEAN);
        spec.put("mle_median", MLE_MEDIAN);
        spec.put("unbiased_mean", UNBIASED_MEAN);
        spec.put("unbiased_median", UNBIASED_MEDIAN);
        spec.put("generations", CHECKPOINTS);
        checkpoints.put("spec_reference", spec);
        results.metric("variance", checkpoints);
        Map<String, Object> fresh = new LinkedHashMap<>();
        Table freshTable = Table.of("estimator", "mean σ̂², generations 21–50", "spec [ref-sim]").caption("Fresh-data "
                + "loop: 10 synthetic + 10 fresh real samples per generation, " + replicates + " replicates.");
        for (String name : new String[] {"MLE", "unbiased"}) {
            LoopResult r = SelfConsumingLoop.freshData(GaussianModel.univariate(0, 1), estimators.get(name), N, N, N)
                    .withGenerations(generations).withReplicates(replicates).withSeed(settings.seed(1))
                    .withMetrics(List.of(LoopMetric.varianceRatio())).run();
            double plateau = 0;
            for (int t = 21; t <= generations; t++) {
                plateau += r.summary("varianceRatio", t).mean() / (generations - 20);
            }
            double reference = name.equals("MLE") ? FRESH_MLE : FRESH_UNBIASED;
            fresh.put(key(name), Map.of("plateau_mean", plateau, "spec", reference));
            freshTable.row(name, plateau, reference);
        }
        results.metric("fresh_data_plateau", fresh);
        double mleZ = zScore(runs.get("MLE"), 10, Math.pow((N - 1.0) / N, 10));
        results.metric("mle_gen10_mean_z_vs_analytic", mleZ);
        report.table(table);
        report.table(freshTable);
        report.figure(LoopCurves.plot("mean σ̂² per generation", runs, "varianceRatio", LoopCurves.Statistic.MEAN,
                true), "Mean σ̂² (log scale) with a ±1.96 SE band. MLE: ((n−1)/n)^t in expectation.");
        report.figure(LoopCurves.plot("median σ̂² per generation", runs, "varianceRatio",
                LoopCurves.Statistic.MEDIAN, true), "Median σ̂² (log scale) with the central 95% of replicates.");
        GenerationSummary ple = runs.get(GaussianPle.label(0.1)).summary("varianceRatio", generations);
        GenerationSummary mle = runs.get("MLE").summary("varianceRatio", generations);
        report.paragraph(String.format(Locale.ROOT, "Reading: every estimator collapses in the median — even the "
                + "unbiased one, whose mean stays near 1 only through a heavy right tail (spec §1). At generation 50 "
                + "the median σ̂² is %.3g for the MLE and %.3g for PLE (λ = 0.1). A learned estimator's per-step bias "
                + "compounds geometrically over generations, so small errors of H (see ple-bias) dominate the "
                + "late curves. Caution: the learned estimators were trained on σ² ∈ [1/4, 4]; once a replicate's "
                + "variance has shrunk below that range H extrapolates (a ReLU network with biases is not scale "
                + "equivariant) and its output stops shrinking. The floor of the hyper and PLE medians is that "
                + "extrapolation artefact, present at λ = 0 too, not evidence that the penalty prevents collapse. "
                + "The MLE mean at generation 10 is %.2f standard errors from ((n−1)/n)^10 = %.3f.",
                mle.median(), ple.median(), mleZ, Math.pow((N - 1.0) / N, 10)));
        results.write(dir.resolve("results.json"));
        report.provenance(results.provenance()).write(dir.resolve("report.html"));
        return String.format(Locale.ROOT, "gen 50 mean σ̂²: MLE %.4f, unbiased %.3f, PLE(0.1) %.4f", mle.mean(),
                runs.get("unbiased").summary("varianceRatio", generations).mean(), ple.mean());
    }

    private static Object[] reference(String name, String stat, double[] v) {
        Object[] row = new Object[v.length + 2];
        row[0] = name;
        row[1] = stat;
        for (int i = 0; i < v.length; i++) {
            row[i + 2] = v[i];
        }
        return row;
    }

    private static double zScore(LoopResult r, int generation, double expected) {
        GenerationSummary g = r.summary("varianceRatio", generation);
        return (g.mean() - expected) / g.standardError();
    }

    private static String key(String label) {
        return label.replaceAll("[^A-Za-z0-9.]+", "_").replace('.', 'p').replaceAll("_+$", "").toLowerCase(Locale.ROOT);
    }
}
