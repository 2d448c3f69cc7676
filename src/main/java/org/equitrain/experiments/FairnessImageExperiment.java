package org.equitrain.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.fairness.Evaluation;
import org.equitrain.fairness.FormlOptions;
import org.equitrain.fairness.GroupedData;
import org.equitrain.fairness.ReweightedTraining;
import org.equitrain.fairness.ReweightingMethods;
import org.equitrain.nn.Mlp;
import org.equitrain.report.BarChart;
import org.equitrain.report.Progress;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import org.equitrain.report.SeedSummary;
import org.equitrain.report.Table;
import org.equitrain.tensor.Permutations;
import org.equitrain.tensor.Tensor;

/**
 * {@code fairness-image} (forml.md §9, image protocol): MNIST 4-vs-9 (label 9 favourable) with a synthetic
 * under-represented group a = 1 of images rotated by 90°, a minority share of the training images; held-out set
 * balanced over (a, y) and test set half rotated. ERM, reweighing, L2RW and FORML with an MLP; keys
 * {@code majority_<pct>.methods.<method>.accuracy}, {@code .eo_gap} and {@code .worst_group_accuracy}.
 */
public final class FairnessImageExperiment implements Experiment {
    private static final int SIDE = 28;

    @Override
    public String name() {
        return "fairness-image";
    }

    @Override
    public String title() {
        return "FORML on MNIST 4-vs-9 with a rotated minority group";
    }

    @Override
    public String run(RunSettings settings, Path dir) throws Exception {
        Results results = settings.results(name()); // the wall clock runs from here
        int seeds = settings.pick(3, 5);
        int epochs = settings.pick(3, 15);
        int trainSize = settings.pick(3000, 5000);
        int perCell = settings.pick(25, 50);
        double[] majority = {0.9, 0.95, 0.98, 0.995};
        double lr = 0.05;
        DatasetRegistry registry = DatasetRegistry.standard();
        Dataset trainAll = registry.load("mnist", "train", NaPolicy.DROP_ROWS);
        Dataset testAll = registry.load("mnist", "test", NaPolicy.DROP_ROWS);
        int[] trainPool = fourOrNine(trainAll);
        int[] testRows = fourOrNine(testAll);
        GroupedData test = build(testAll, testRows, i -> i % 2 == 1);
        results.dataset("mnist 4-vs-9", Map.of("train", trainSize, "held_out", 4 * perCell, "test", test.size()));
        for (int s = 0; s < seeds; s++) {
            results.seeds(settings.seed(s));
        }
        Report report = new Report(title());
        report.paragraph(String.format(Locale.ROOT, "MNIST digits 4 (y = 0) and 9 (y = 1, favourable). Group a = 1: "
                + "the image rotated by 90°, applied to a (1 − majority share) of %d training images; held-out set "
                + "of %d images per (a, y) cell, disjoint from training; test set: all MNIST test 4s and 9s, every "
                + "second one rotated. MLP 784-64-2, SGD momentum 0.9, weight decay 5e-4, lr %s, batch 128, %d "
                + "epochs, %d seeds; FORML defaults. Worst-group accuracy = lowest test accuracy of the two groups.",
                trainSize, perCell, lr, epochs, seeds));
        Table table = Table.of("majority share", "method", "accuracy", "EO gap", "worst-group accuracy");
        StringBuilder headline = new StringBuilder();
        int m = ReweightingMethods.NAMES.size();
        for (double share : majority) {
            double[][][] v = new double[m][3][seeds];
            try (Progress progress = Progress.start("mnist 4-vs-9 majority " + share, (long) seeds * m)) {
                for (int s = 0; s < seeds; s++) {
                    SplittableRandom rng = new SplittableRandom(settings.seed(s));
                    int[] pool = trainPool.clone();
                    Permutations.shuffle(pool, rng);
                    int[] trainRows = java.util.Arrays.copyOf(pool, trainSize);
                    int minority = (int) Math.round((1 - share) * trainSize);
                    GroupedData train = build(trainAll, trainRows, i -> i < minority);
                    GroupedData heldOut = balancedHeldOut(trainAll, pool, trainSize, perCell);
                    ReweightedTraining.Config config = ReweightedTraining.Config.defaults().withLr(lr)
                            .withBatchSize(128).withEpochs(epochs).withSeed(settings.seed(s));
                    FormlOptions forml = FormlOptions.defaults().withSeed(settings.seed(s));
                    for (int k = 0; k < m; k++) {
                        ReweightedTraining t = new ReweightedTraining(Mlp.of(SIDE * SIDE, 64, 2), train,
                                ReweightingMethods.create(ReweightingMethods.NAMES.get(k), heldOut, forml, lr),
                                config).fit();
                        int[] pred = t.predict(test);
                        Evaluation e = Evaluation.of(pred, test);
                        v[k][0][s] = e.accuracy();
                        v[k][1][s] = e.eoGap();
                        v[k][2][s] = worstGroupAccuracy(pred, test);
                        progress.advance();
                    }
                }
            }
            String key = "majority_" + String.format(Locale.ROOT, "%.1f", share * 100).replace(".0", "")
                    .replace('.', '_');
            double[][] bars = new double[3][m];
            for (int k = 0; k < m; k++) {
                String p = key + ".methods." + ReweightingMethods.NAMES.get(k) + ".";
                SeedSummary acc = results.seedMetric(p + "accuracy", v[k][0]);
                SeedSummary gap = results.seedMetric(p + "eo_gap", v[k][1]);
                SeedSummary worst = results.seedMetric(p + "worst_group_accuracy", v[k][2]);
                table.row(share, ReweightingMethods.NAMES.get(k), acc, gap, worst);
                bars[0][k] = gap.mean();
                bars[1][k] = gap.ciLow();
                bars[2][k] = gap.ciHigh();
            }
            report.figure(new BarChart().title(String.format(Locale.ROOT, "majority share %.3f: test EO gap", share))
                    .yLabel("TPR difference").categories(ReweightingMethods.NAMES.toArray(String[]::new))
                    .series("EO gap", bars[0], bars[1], bars[2]).referenceLine(0, "no gap"), String.format(
                    Locale.ROOT, "Majority share %.3f: EO gap between upright and rotated digits, mean and 95%% "
                            + "interval over seeds.", share));
            headline.append(headline.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                    "majority %.3f: EO gap ERM %.3f, L2RW %.3f, FORML %.3f", share, bars[0][0], bars[0][2],
                    bars[0][m - 1]));
        }
        report.paragraph(headline + ".");
        report.table(table.caption("Test accuracy, EO gap and worst-group accuracy, mean [95% interval] over seeds."));
        results.write(dir.resolve("results.json"));
        report.provenance(results.provenance()).write(dir.resolve("report.html"));
        return headline.toString();
    }

    private static int[] fourOrNine(Dataset d) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            String c = d.classNames().get(d.label(i));
            if (c.equals("4") || c.equals("9")) {
                rows.add(i);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Images of {@code rows} (label 9 → 1, 4 → 0), rotated by 90° where {@code rotated.test(position)}. */
    private static GroupedData build(Dataset d, int[] rows, java.util.function.IntPredicate rotated) {
        int px = SIDE * SIDE;
        double[] x = new double[rows.length * px];
        int[] y = new int[rows.length];
        int[] g = new int[rows.length];
        Tensor all = d.features();
        for (int i = 0; i < rows.length; i++) {
            int base = rows[i] * px;
            g[i] = rotated.test(i) ? 1 : 0;
            y[i] = d.classNames().get(d.label(rows[i])).equals("9") ? 1 : 0;
            for (int r = 0; r < SIDE; r++) {
                for (int c = 0; c < SIDE; c++) {
                    // rotation by 90°: pixel (r, c) comes from (SIDE − 1 − c, r)
                    int from = g[i] == 1 ? (SIDE - 1 - c) * SIDE + r : r * SIDE + c;
                    x[i * px + r * SIDE + c] = all.getFlat(base + from);
                }
            }
        }
        return new GroupedData(Tensor.wrap(x, rows.length, px), y, g, List.of("upright", "rotated"), 1, 2);
    }

    /** {@code perCell} images of each (a, y) cell from the pool beyond the training rows. */
    private static GroupedData balancedHeldOut(Dataset d, int[] pool, int from, int perCell) {
        List<Integer> rows = new ArrayList<>();
        List<Boolean> rotate = new ArrayList<>();
        int[][] need = {{perCell, perCell}, {perCell, perCell}}; // [label][rotated]
        for (int i = from; i < pool.length && rows.size() < 4 * perCell; i++) {
            int y = d.classNames().get(d.label(pool[i])).equals("9") ? 1 : 0;
            int a = need[y][0] > 0 ? 0 : 1;
            if (need[y][a] > 0) {
                need[y][a]--;
                rows.add(pool[i]);
                rotate.add(a == 1);
            }
        }
        return build(d, rows.stream().mapToInt(Integer::intValue).toArray(), rotate::get);
    }

    private static double worstGroupAccuracy(int[] pred, GroupedData test) {
        double[] correct = new double[2];
        double[] count = new double[2];
        for (int i = 0; i < pred.length; i++) {
            count[test.group()[i]]++;
            correct[test.group()[i]] += pred[i] == test.y()[i] ? 1 : 0;
        }
        return Math.min(correct[0] / count[0], correct[1] / count[1]);
    }
}
