package org.equitrain.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.equitrain.data.Dataset;
import org.equitrain.data.Split;
import org.equitrain.data.StratifiedSplit;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.fairness.Evaluation;
import org.equitrain.fairness.FormlOptions;
import org.equitrain.fairness.GroupedData;
import org.equitrain.fairness.ReweightedTraining;
import org.equitrain.fairness.ReweightingMethods;
import org.equitrain.nn.Linear;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.report.BarChart;
import org.equitrain.report.Progress;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import org.equitrain.report.SeedSummary;
import org.equitrain.report.Table;

/**
 * {@code fairness-tabular} (forml.md §9, tabular protocol): ERM, Kamiran–Calders reweighing, L2RW and FORML on
 * CPS1988 (group ethnicity, label wage above the median) and HMDA (group afam, label deny), train / held-out / test
 * split stratified by (group, label), logistic regression and an MLP (no dropout), test accuracy and EO gap (TPR difference) over seeds with 95% t intervals.
 * Metrics of the first (dataset, model) are recorded as {@code methods.<method>.accuracy} and
 * {@code methods.<method>.eo_gap}; the others under the prefix {@code <dataset>.<model>.}.
 */
public final class FairnessTabularExperiment implements Experiment {
    /** One dataset of the protocol: registry name, group column, batch size. */
    record Setup(String dataset, String group, int batchSize) {
    }

    private static final List<Setup> SETUPS = List.of(new Setup("cps1988", "ethnicity", 512),
            new Setup("hmda", "afam", 128));

    @Override
    public String name() {
        return "fairness-tabular";
    }

    @Override
    public String title() {
        return "FORML vs ERM, reweighing and L2RW on tabular data (accuracy and EO gap)";
    }

    @Override
    public String run(RunSettings settings, Path dir) throws Exception {
        Results results = settings.results(name()); // the wall clock runs from here
        int seeds = settings.pick(3, 5);
        int epochs = settings.pick(8, 50);
        double lr = settings.quick() ? 0.02 : 1e-3;
        List<String> models = List.of("logistic", "mlp");
        DatasetRegistry registry = DatasetRegistry.standard();
        for (int s = 0; s < seeds; s++) {
            results.seeds(settings.seed(s));
        }
        Report report = new Report(title());
        report.paragraph(String.format(Locale.ROOT, "Splits 70/10/20 (train / held-out / test) stratified by (group,"
                + " label), features standardised on the training part. SGD momentum 0.9, weight decay 5e-4, lr %s, "
                + "%d epochs, %d seeds; FORML with its defaults (eo-loss-gap, anchor 1, weight lr 0.1, global-mean"
                + " normalisation, persistent weights, look-ahead = lr); L2RW on the held-out mean loss; held-out "
                + "batches of at most 512 rows. EO gap = largest difference of true-positive rates between groups "
                + "on the test part (favourable label = positive). Intervals: 95%% Student-t over seeds.%s", lr,
                epochs, seeds, settings.quick() ? " Quick mode: fewer epochs at a larger learning rate and an MLP"
                + " 32-16 in place of 128-64." : ""));
        Table table = Table.of("dataset", "model", "method", "accuracy", "EO gap", "FORML mean weight by cell");
        String headline = "";
        boolean first = true;
        for (Setup setup : SETUPS) {
            Dataset data = registry.load(setup.dataset());
            for (String modelName : models) {
                Map<String, double[][]> perMethod = new LinkedHashMap<>();
                Map<String, double[]> cellWeights = new LinkedHashMap<>();
                int[] sizes = null;
                double majority = 0;
                try (Progress progress = Progress.start(setup.dataset() + " " + modelName,
                        (long) seeds * ReweightingMethods.NAMES.size())) {
                    for (int s = 0; s < seeds; s++) {
                        Split split = StratifiedSplit.of(data, 0.7, 0.1, settings.seed(s)).standardized();
                        GroupedData train = GroupedData.of(split.train(), setup.group());
                        GroupedData heldOut = GroupedData.of(split.heldOut(), setup.group());
                        GroupedData test = GroupedData.of(split.test(), setup.group());
                        sizes = new int[] {train.size(), heldOut.size(), test.size()};
                        majority += majorityRate(test) / seeds;
                        Module model = model(modelName, train.x().dim(1), settings.quick());
                        ReweightedTraining.Config config = ReweightedTraining.Config.defaults().withLr(lr)
                                .withBatchSize(setup.batchSize()).withEpochs(epochs).withSeed(settings.seed(s));
                        FormlOptions forml = FormlOptions.defaults().withHeldOutBatch(512).withSeed(settings.seed(s));
                        for (String method : ReweightingMethods.NAMES) {
                            ReweightedTraining t = new ReweightedTraining(model, train,
                                    ReweightingMethods.create(method, heldOut, forml, lr), config).fit();
                            Evaluation e = Evaluation.of(t.predict(test), test);
                            double[][] m = perMethod.computeIfAbsent(method, k -> new double[2][seeds]);
                            m[0][s] = e.accuracy();
                            m[1][s] = e.eoGap();
                            if (method.equals("forml")) {
                                accumulateCellMeans(cellWeights, train, t.method().weights(), seeds);
                            }
                            progress.advance();
                        }
                    }
                }
                results.dataset(setup.dataset() + "/" + modelName, Map.of("train", sizes[0], "held_out", sizes[1],
                        "test", sizes[2]));
                String prefix = first ? "" : setup.dataset() + "." + modelName + ".";
                double[][] bars = new double[6][ReweightingMethods.NAMES.size()];
                int k = 0;
                for (String method : ReweightingMethods.NAMES) {
                    double[][] m = perMethod.get(method);
                    SeedSummary acc = results.seedMetric(prefix + "methods." + method + ".accuracy", m[0]);
                    SeedSummary gap = results.seedMetric(prefix + "methods." + method + ".eo_gap", m[1]);
                    bars[0][k] = acc.mean();
                    bars[1][k] = acc.ciLow();
                    bars[2][k] = acc.ciHigh();
                    bars[3][k] = gap.mean();
                    bars[4][k] = gap.ciLow();
                    bars[5][k] = gap.ciHigh();
                    k++;
                    table.row(setup.dataset(), modelName, method, acc, gap,
                            method.equals("forml") ? cellText(cellWeights) : "");
                }
                results.figure(prefix + "forml_mean_weight_by_cell", cellWeights);
                String[] names = ReweightingMethods.NAMES.toArray(String[]::new);
                String label = setup.dataset() + " (" + setup.group() + "), " + modelName;
                report.figure(new BarChart().title(label + ": test EO gap").yLabel("TPR difference").categories(names)
                        .series("EO gap", bars[3], bars[4], bars[5]).referenceLine(0, "no gap"),
                        label + ": equal-opportunity difference on the test part, mean and 95% interval over seeds.");
                report.figure(new BarChart().title(label + ": test accuracy").yLabel("accuracy").categories(names)
                        .series("accuracy", bars[0], bars[1], bars[2]), label + ": test accuracy.");
                String verdict = verdict(names, bars) + String.format(Locale.ROOT, " Majority-class rate on the test"
                        + " part: %.3f (a model at that accuracy predicts one class for everyone, so its EO gap is 0"
                        + " trivially).", majority);
                report.paragraph(label + ": " + verdict);
                if (first) {
                    headline = setup.dataset() + " " + modelName + ": " + verdict;
                }
                first = false;
            }
        }
        report.table(table.caption("Test accuracy and EO gap, mean [95% interval] over seeds; FORML's learned "
                + "training weights averaged per (group, label) cell and over seeds."));
        results.write(dir.resolve("results.json"));
        report.provenance(results.provenance()).write(dir.resolve("report.html"));
        return headline;
    }

    /** Logistic regression as Linear(d, 2) with softmax, or the MLP d-128-64-2 (d-32-16-2 in quick mode). */
    static Module model(String name, int inputs, boolean quick) {
        if (name.equals("mlp")) {
            return quick ? Mlp.of(inputs, 32, 16, 2) : Mlp.of(inputs, 128, 64, 2);
        }
        return new Linear(inputs, 2);
    }

    /**
     * Which method has the smallest mean EO gap, whether its interval separates it from ERM, and its accuracy cost;
     * {@code bars} rows: accuracy mean, low, high, EO gap mean, low, high, one column per method, ERM first and FORML
     * last.
     */
    static String verdict(String[] names, double[][] bars) {
        int best = 0;
        for (int k = 1; k < names.length; k++) {
            if (bars[3][k] < bars[3][best]) {
                best = k;
            }
        }
        int forml = names.length - 1;
        String formlPart = String.format(Locale.ROOT, " FORML: EO gap %.3f, accuracy %.3f.", bars[3][forml],
                bars[0][forml]);
        if (best == 0) { // ERM itself: comparing it with ERM would claim an interval "overlaps" its own
            return String.format(Locale.ROOT, "smallest mean EO gap: ERM's own (%.3f, accuracy %.3f); no method "
                    + "lowers it.", bars[3][0], bars[0][0]) + formlPart;
        }
        String separated = bars[5][best] < bars[4][0] ? "its interval lies below ERM's"
                : "its interval overlaps ERM's, so the difference is not established";
        return String.format(Locale.ROOT, "smallest mean EO gap: %s (%.3f vs ERM %.3f; %s) at accuracy %.3f vs ERM "
                + "%.3f.", names[best], bars[3][best], bars[3][0], separated, bars[0][best], bars[0][0]) + formlPart;
    }

    private static double majorityRate(GroupedData test) {
        int ones = 0;
        for (int y : test.y()) {
            ones += y == test.favourable() ? 1 : 0;
        }
        return Math.max(ones, test.size() - ones) / (double) test.size();
    }

    private static void accumulateCellMeans(Map<String, double[]> cells, GroupedData train, double[] w, int seeds) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (int i = 0; i < w.length; i++) {
            String key = train.groupNames().get(train.group()[i]) + ", y=" + train.y()[i];
            double[] s = sums.computeIfAbsent(key, x -> new double[2]);
            s[0] += w[i];
            s[1]++;
        }
        List<String> keys = new ArrayList<>(sums.keySet());
        keys.sort(String::compareTo);
        for (String key : keys) {
            cells.computeIfAbsent(key, x -> new double[1])[0] += sums.get(key)[0] / sums.get(key)[1] / seeds;
        }
    }

    private static String cellText(Map<String, double[]> cells) {
        StringBuilder b = new StringBuilder();
        cells.forEach((key, v) -> b.append(b.length() == 0 ? "" : "; ").append(key).append(": ")
                .append(String.format(Locale.ROOT, "%.2f", v[0])));
        return b.toString();
    }
}
