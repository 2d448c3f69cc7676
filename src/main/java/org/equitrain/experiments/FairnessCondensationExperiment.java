package org.equitrain.experiments;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.equitrain.data.Dataset;
import org.equitrain.data.Split;
import org.equitrain.data.StratifiedSplit;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.fairness.Condensation;
import org.equitrain.fairness.Evaluation;
import org.equitrain.fairness.FormlOptions;
import org.equitrain.fairness.FormlTrainer;
import org.equitrain.fairness.GroupedData;
import org.equitrain.fairness.ReweightedTraining;
import org.equitrain.report.BarChart;
import org.equitrain.report.Progress;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import org.equitrain.report.SeedSummary;
import org.equitrain.report.Table;

/**
 * {@code fairness-condensation} (forml.md §8): train FORML on CPS1988, keep the 10%, 25% or 50% of the training
 * rows with the largest learned weights, retrain from scratch with uniform weights (ERM), and compare with a random
 * subset and a (group, label)-stratified random subset of the same size ({@link Condensation}). Keys
 * {@code full.accuracy}, {@code full.eo_gap}, {@code keep_<pct>.forml_top.favourable_share},
 * {@code keep_<pct>.<selection>.accuracy} and {@code .eo_gap}, selection one of {@code forml_top}, {@code random}, {@code stratified}.
 */
public final class FairnessCondensationExperiment implements Experiment {
    private static final List<String> SELECTIONS = List.of("forml_top", "random", "stratified");

    @Override
    public String name() {
        return "fairness-condensation";
    }

    @Override
    public String title() {
        return "Data condensation with FORML weights: top-weighted subsets vs random subsets";
    }

    @Override
    public String run(RunSettings settings, Path dir) throws Exception {
        Results results = settings.results(name()); // the wall clock runs from here
        int seeds = settings.pick(3, 5);
        int epochs = settings.pick(8, 50);
        double lr = settings.quick() ? 0.02 : 1e-3;
        double[] keep = {0.1, 0.25, 0.5};
        Dataset data = DatasetRegistry.standard().load("cps1988");
        for (int s = 0; s < seeds; s++) {
            results.seeds(settings.seed(s));
        }
        double[][][][] v = new double[keep.length][SELECTIONS.size()][2][seeds];
        double[][] full = new double[2][seeds];
        double[][] share = new double[keep.length][seeds];
        try (Progress progress = Progress.start("cps1988 condensation", (long) seeds * (2 + 3 * keep.length))) {
            for (int s = 0; s < seeds; s++) {
                long seed = settings.seed(s);
                Split split = StratifiedSplit.of(data, 0.7, 0.1, seed).standardized();
                GroupedData train = GroupedData.of(split.train(), "ethnicity");
                GroupedData heldOut = GroupedData.of(split.heldOut(), "ethnicity");
                GroupedData test = GroupedData.of(split.test(), "ethnicity");
                if (s == 0) {
                    results.dataset("cps1988", Map.of("train", train.size(), "held_out", heldOut.size(), "test",
                            test.size()));
                }
                ReweightedTraining.Config config = ReweightedTraining.Config.defaults().withLr(lr).withEpochs(epochs)
                        .withSeed(seed);
                FormlTrainer forml = new FormlTrainer(heldOut, FormlOptions.defaults().withHeldOutBatch(512)
                        .withSeed(seed));
                new ReweightedTraining(FairnessTabularExperiment.model("mlp", train.x().dim(1), settings.quick()),
                        train, forml, config).fit();
                progress.advance();
                double[] w = forml.weights();
                Evaluation all = erm(train, IntStream.range(0, train.size()).toArray(), test, config,
                        settings.quick());
                full[0][s] = all.accuracy();
                full[1][s] = all.eoGap();
                progress.advance();
                for (int f = 0; f < keep.length; f++) {
                    int k = Condensation.keptCount(train.size(), keep[f]);
                    int[][] subsets = {Condensation.topRows(w, k), Condensation.randomRows(train.size(), k,
                            seed ^ 0x5DEECE66DL), Condensation.stratifiedRows(train, k, seed)};
                    share[f][s] = favourableShare(train, subsets[0]);
                    for (int j = 0; j < subsets.length; j++) {
                        Evaluation e = erm(train, subsets[j], test, config, settings.quick());
                        v[f][j][0][s] = e.accuracy();
                        v[f][j][1][s] = e.eoGap();
                        progress.advance();
                    }
                }
            }
        }
        Report report = new Report(title());
        report.paragraph(String.format(Locale.ROOT, "CPS1988 (group ethnicity), split 70/10/20 stratified by (group, "
                + "label). FORML (defaults) trains an MLP (%s) for %d epochs at lr %s; its learned weights rank the "
                + "training rows; the top %s are kept and an MLP is retrained from scratch with uniform weights (ERM)."
                + " Baselines: a uniformly random subset and a (group, label)-stratified random subset of the same "
                + "size. %d seeds, 95%% Student-t intervals.", settings.quick() ? "32-16" : "128-64", epochs, lr,
                percentages(keep), seeds));
        Table table = Table.of("kept", "selection", "accuracy", "EO gap");
        SeedSummary fa = results.seedMetric("full.accuracy", full[0]);
        SeedSummary fg = results.seedMetric("full.eo_gap", full[1]);
        table.row("100%", "all rows", fa, fg);
        StringBuilder headline = new StringBuilder();
        for (int f = 0; f < keep.length; f++) {
            String key = "keep_" + Math.round(keep[f] * 100);
            SeedSummary sh = results.seedMetric(key + ".forml_top.favourable_share", share[f]);
            headline.append(headline.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                    "keep %.0f%%: FORML-top subset %.0f%% favourable labels (all rows %.0f%%),", keep[f] * 100,
                    100 * sh.mean(), 100 * favourableShare(GroupedData.of(data, "ethnicity"), null)));
            double[][] bars = new double[3][SELECTIONS.size()];
            for (int j = 0; j < SELECTIONS.size(); j++) {
                SeedSummary acc = results.seedMetric(key + "." + SELECTIONS.get(j) + ".accuracy", v[f][j][0]);
                SeedSummary gap = results.seedMetric(key + "." + SELECTIONS.get(j) + ".eo_gap", v[f][j][1]);
                table.row(String.format(Locale.ROOT, "%.0f%%", keep[f] * 100), SELECTIONS.get(j), acc, gap);
                bars[0][j] = gap.mean();
                bars[1][j] = gap.ciLow();
                bars[2][j] = gap.ciHigh();
                if (j == 0) {
                    headline.append(String.format(Locale.ROOT, " accuracy %.3f, EO gap %.3f", acc.mean(),
                            gap.mean()));
                } else {
                    headline.append(String.format(Locale.ROOT, " (%s %.3f, %.3f)", SELECTIONS.get(j), acc.mean(),
                            gap.mean()));
                }
            }
            report.figure(new BarChart().title(String.format(Locale.ROOT, "keep %.0f%%: test EO gap", keep[f] * 100))
                    .yLabel("TPR difference").categories(SELECTIONS.toArray(String[]::new))
                    .series("EO gap", bars[0], bars[1], bars[2]).referenceLine(fg.mean(), "all rows"),
                    String.format(Locale.ROOT, "Keeping %.0f%% of the training rows: EO gap of the retrained model,"
                            + " mean and 95%% interval over seeds.", keep[f] * 100));
        }
        report.paragraph(headline + ".");
        report.table(table.caption("Test accuracy and EO gap of models retrained on each subset."));
        results.write(dir.resolve("results.json"));
        report.provenance(results.provenance()).write(dir.resolve("report.html"));
        return headline.toString();
    }

    /** Test evaluation of an MLP retrained from scratch with ERM on the rows {@code rows} of {@code train}. */
    private static Evaluation erm(GroupedData train, int[] rows, GroupedData test, ReweightedTraining.Config config,
            boolean quick) {
        ReweightedTraining t = Condensation.retraining(FairnessTabularExperiment.model("mlp", train.x().dim(1), quick),
                train, rows, config).fit();
        return Evaluation.of(t.predict(test), test);
    }

    /** "10%, 25% and 50%". */
    private static String percentages(double[] keep) {
        String[] p = Arrays.stream(keep).mapToObj(f -> String.format(Locale.ROOT, "%.0f%%", 100 * f))
                .toArray(String[]::new);
        return String.join(", ", Arrays.copyOf(p, p.length - 1)) + " and " + p[p.length - 1];
    }

    /** Share of rows with the favourable label among {@code rows} of {@code d} (all rows when null). */
    private static double favourableShare(GroupedData d, int[] rows) {
        int[] r = rows != null ? rows : IntStream.range(0, d.size()).toArray();
        return IntStream.of(r).filter(i -> d.y()[i] == d.favourable()).count() / (double) r.length;
    }
}
