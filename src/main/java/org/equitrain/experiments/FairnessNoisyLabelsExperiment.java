package org.equitrain.experiments;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.equitrain.data.Dataset;
import org.equitrain.data.LabelCorruption;
import org.equitrain.data.Split;
import org.equitrain.data.StratifiedSplit;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.fairness.Evaluation;
import org.equitrain.fairness.FormlOptions;
import org.equitrain.fairness.GroupedData;
import org.equitrain.fairness.ReweightedTraining;
import org.equitrain.fairness.ReweightingMethods;
import org.equitrain.report.BarChart;
import org.equitrain.report.Progress;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import org.equitrain.report.SeedSummary;
import org.equitrain.report.Table;

/**
 * {@code fairness-noisy-labels} (forml.md §8, §9): CPS1988 with the training labels of one group (ethnicity afam)
 * flipped at 20% and 40%, clean held-out and test parts; ERM, reweighing, L2RW and FORML compared on test accuracy
 * and EO gap, and the diagnostic of §8: the mean learned weight of corrupted vs clean examples of that group.
 * Keys: {@code rate_<pct>.methods.<method>.accuracy}, {@code .eo_gap}, {@code .clean_weight} and
 * {@code .corrupted_weight} (mean learned weight of the group's clean and corrupted training rows) and
 * {@code .corrupted_to_clean_weight} (their ratio, per seed).
 */
public final class FairnessNoisyLabelsExperiment implements Experiment {
    private static final String DATASET = "cps1988";
    private static final String GROUP = "ethnicity";
    private static final String LEVEL = "afam";

    @Override
    public String name() {
        return "fairness-noisy-labels";
    }

    @Override
    public String title() {
        return "FORML under label noise in one group: learned weights of corrupted vs clean examples";
    }

    @Override
    public String run(RunSettings settings, Path dir) throws Exception {
        Results results = settings.results(name()); // the wall clock runs from here
        int seeds = settings.pick(3, 5);
        int epochs = settings.pick(8, 50);
        double lr = settings.quick() ? 0.02 : 1e-3;
        String modelName = "mlp";
        Dataset data = DatasetRegistry.standard().load(DATASET);
        for (int s = 0; s < seeds; s++) {
            results.seeds(settings.seed(s));
        }
        Report report = new Report(title());
        report.paragraph(String.format(Locale.ROOT, "%s, group %s: the training labels of %s rows are flipped "
                + "(uniformly chosen rows, binary label) at each rate; held-out and test parts stay clean. Split "
                + "70/10/20 stratified by (group, label), MLP (%s), SGD momentum 0.9, weight decay 5e-4, lr %s, batch "
                + "512, %d epochs, %d seeds, FORML defaults. Weight ratio = mean learned weight of corrupted rows / "
                + "mean learned weight of clean rows of the same group (L2RW: its last per-batch weights, which sum to 1 "
                + "over a batch of 512); below 1 means the method turned the noisy rows down. Intervals: 95%% "
                + "Student-t over seeds.", DATASET,
                GROUP, LEVEL, settings.quick() ? "32-16" : "128-64", lr, epochs, seeds));
        Table table = Table.of("flip rate", "method", "accuracy", "EO gap", "clean weight", "corrupted weight",
                "corrupted / clean weight");
        String headline = "";
        for (double rate : new double[] {0.2, 0.4}) {
            String key = "rate_" + Math.round(rate * 100);
            int m = ReweightingMethods.NAMES.size();
            double[][][] v = new double[m][5][seeds];
            try (Progress progress = Progress.start(DATASET + " flip " + rate, (long) seeds * m)) {
                for (int s = 0; s < seeds; s++) {
                    Split clean = StratifiedSplit.of(data, 0.7, 0.1, settings.seed(s)).standardized();
                    Dataset noisy = clean.train().corruptLabels(LabelCorruption.uniformOther(rate), GROUP, LEVEL,
                            settings.seed(s));
                    GroupedData train = GroupedData.of(noisy, GROUP);
                    GroupedData heldOut = GroupedData.of(clean.heldOut(), GROUP);
                    GroupedData test = GroupedData.of(clean.test(), GROUP);
                    if (s == 0 && rate == 0.2) {
                        results.dataset(DATASET, Map.of("train", train.size(), "held_out", heldOut.size(), "test",
                                test.size()));
                    }
                    ReweightedTraining.Config config = ReweightedTraining.Config.defaults().withLr(lr)
                            .withEpochs(epochs).withSeed(settings.seed(s));
                    FormlOptions forml = FormlOptions.defaults().withHeldOutBatch(512).withSeed(settings.seed(s));
                    for (int k = 0; k < m; k++) {
                        String method = ReweightingMethods.NAMES.get(k);
                        ReweightedTraining t = new ReweightedTraining(FairnessTabularExperiment.model(modelName,
                                train.x().dim(1), settings.quick()), train, ReweightingMethods.create(method, heldOut,
                                forml, lr), config).fit();
                        Evaluation e = Evaluation.of(t.predict(test), test);
                        v[k][0][s] = e.accuracy();
                        v[k][1][s] = e.eoGap();
                        double[] means = meanWeights(noisy, t.method().weights());
                        v[k][2][s] = means[0];
                        v[k][3][s] = means[1];
                        v[k][4][s] = means[0] > 0 ? means[1] / means[0] : Double.NaN;
                        progress.advance();
                    }
                }
            }
            double[][] bars = new double[3][m];
            double[][][] weightBars = new double[2][3][m];
            for (int k = 0; k < m; k++) {
                String method = ReweightingMethods.NAMES.get(k);
                String p = key + ".methods." + method + ".";
                SeedSummary acc = results.seedMetric(p + "accuracy", v[k][0]);
                SeedSummary gap = results.seedMetric(p + "eo_gap", v[k][1]);
                SeedSummary clean = results.seedMetric(p + "clean_weight", v[k][2]);
                SeedSummary corrupted = results.seedMetric(p + "corrupted_weight", v[k][3]);
                SeedSummary ratio = results.seedMetric(p + "corrupted_to_clean_weight", v[k][4]);
                table.row(rate, method, acc, gap, clean, corrupted, ratio);
                bars[0][k] = ratio.mean();
                bars[1][k] = ratio.ciLow();
                bars[2][k] = ratio.ciHigh();
                SeedSummary[] means = {clean, corrupted};
                for (int c = 0; c < 2; c++) {
                    weightBars[c][0][k] = means[c].mean();
                    weightBars[c][1][k] = means[c].ciLow();
                    weightBars[c][2][k] = means[c].ciHigh();
                }
            }
            report.figure(new BarChart().title(String.format(Locale.ROOT, "flip rate %.0f%%: mean learned weight, "
                    + "group %s", rate * 100, LEVEL)).yLabel("mean weight").categories(ReweightingMethods.NAMES
                    .toArray(String[]::new)).series("clean rows", weightBars[0][0], weightBars[0][1],
                    weightBars[0][2]).series("corrupted rows", weightBars[1][0], weightBars[1][1], weightBars[1][2]),
                    String.format(Locale.ROOT, "Flip rate %.0f%%: mean learned weight of the clean and of the "
                    + "corrupted training rows of group %s, mean and 95%% interval over seeds (L2RW's last per-batch "
                    + "weights sum to 1 over a batch, hence near 0 here; its ratio is in the next figure).",
                    rate * 100, LEVEL));
            report.figure(new BarChart().title(String.format(Locale.ROOT, "flip rate %.0f%%: corrupted / clean mean"
                    + " weight", rate * 100)).yLabel("weight ratio").categories(ReweightingMethods.NAMES
                    .toArray(String[]::new)).series("ratio", bars[0], bars[1], bars[2]).referenceLine(1, "no "
                    + "preference"), String.format(Locale.ROOT, "Flip rate %.0f%%: mean learned weight of corrupted "
                    + "over clean rows of group %s, mean and 95%% interval over seeds.", rate * 100, LEVEL));
            int forml = m - 1;
            String line = String.format(Locale.ROOT, "flip %.0f%%: FORML mean weight clean %.2f, corrupted %.2f, "
                    + "ratio %.2f [%.2f, %.2f], L2RW ratio %.2f; EO gap FORML %.3f vs ERM %.3f; accuracy FORML %.3f vs"
                    + " ERM %.3f", rate * 100, weightBars[0][0][forml], weightBars[1][0][forml], bars[0][forml],
                    bars[1][forml], bars[2][forml], bars[0][2], mean(v[forml][1]), mean(v[0][1]), mean(v[forml][0]),
                    mean(v[0][0]));
            report.paragraph(line + ". " + reading(bars[0][forml], bars[1][forml], bars[2][forml]));
            headline = headline.isEmpty() ? line : headline + "; " + line;
        }
        report.table(table.caption("Test accuracy, EO gap, the mean learned weight of the clean and of the "
                + "corrupted training rows of group " + LEVEL + " and their ratio, mean [95% interval] over seeds."));
        results.write(dir.resolve("results.json"));
        report.provenance(results.provenance()).write(dir.resolve("report.html"));
        return headline;
    }

    /** Mean weight of the clean and of the corrupted rows of the corrupted group; NaN for a part with no rows. */
    static double[] meanWeights(Dataset noisy, double[] w) {
        int level = noisy.group(GROUP).levels().indexOf(LEVEL);
        double[] sum = new double[2];
        int[] count = new int[2];
        for (int i = 0; i < w.length; i++) {
            if (noisy.group(GROUP).code(i) == level) {
                int c = noisy.isCorrupted(i) ? 1 : 0;
                sum[c] += w[i];
                count[c]++;
            }
        }
        return new double[] {count[0] > 0 ? sum[0] / count[0] : Double.NaN,
            count[1] > 0 ? sum[1] / count[1] : Double.NaN};
    }

    /** What FORML's weight ratio says, from its interval. */
    static String reading(double mean, double lo, double hi) {
        if (lo > 1) {
            return String.format(Locale.ROOT, "FORML gave the corrupted rows more weight than the clean rows of the "
                    + "same group (ratio %.2f, interval above 1): its fairness objective does not single out label "
                    + "noise here.", mean);
        }
        if (hi < 1) {
            return String.format(Locale.ROOT, "FORML turned the corrupted rows down (ratio %.2f, interval below 1).",
                    mean);
        }
        return "FORML's interval contains 1: no clear preference between corrupted and clean rows.";
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
