package org.equitrain.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.Split;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.fairness.metrics.Disparities;
import org.equitrain.fairness.metrics.FrameInput;
import org.equitrain.fairness.metrics.Group;
import org.equitrain.fairness.metrics.MetricFrame;
import org.equitrain.fairness.metrics.RateMetrics;
import org.equitrain.mutual.CohortTrainer;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import org.equitrain.report.SeedSummary;
import org.equitrain.report.Table;
import org.equitrain.tensor.DType;

/**
 * {@code rdml}: Rényi deep mutual learning on the CPU-scale protocol of renyi-dml.md §7 — two peers, α ∈ {0, 0.5,
 * 1, 1.5, 2}, the same seeds for every α, on MNIST and Fashion-MNIST (MLP; LeNet-5 in full mode) and on the
 * Toronto arrests table (MLP) with per-group accuracy and the equal-opportunity difference by {@code colour}.
 */
public final class RdmlExperiment implements Experiment {
    static final double[] ALPHAS = {0, 0.5, 1, 1.5, 2};

    @Override
    public String name() {
        return "rdml";
    }

    @Override
    public String title() {
        return "Rényi deep mutual learning: α grid on MNIST, Fashion-MNIST and a tabular fairness set";
    }

    @Override
    public String run(RunSettings settings, Path dir) throws Exception {
        Results results = settings.results(name()); // the wall clock runs from here
        DatasetRegistry registry = DatasetRegistry.standard();
        int seedCount = 3;
        long[] seeds = new long[seedCount];
        for (int i = 0; i < seedCount; i++) {
            seeds[i] = settings.seed(i);
        }
        results.seeds(seeds);
        Report report = new Report(title());
        int trainRows = settings.pick(4000, Integer.MAX_VALUE);
        int testRows = settings.pick(2000, Integer.MAX_VALUE);
        int mlpEpochs = settings.pick(5, 20);
        report.paragraph("K = 2 peers, loss_i = CE + D_α(stopgrad(p_j) ‖ q_i) (renyi-dml.md §2), simultaneous "
                + "update, SGD with Nesterov momentum 0.9 and weight decay 5e-4, lr 0.1 (×0.2 at ½ and ¾ of the "
                + "epochs), batch " + settings.pick(64, 128) + " for the images (arrests: lr 0.02, batch 64), float32. Seeds " + Arrays.toString(seeds) + ", the same initial "
                + "peers and batch order for every α. Final accuracy = mean test accuracy of the last min(5, "
                + "epochs) epochs (§5), averaged over the two peers; ± is the across-seed standard deviation. "
                + "α = 0 is independent training, α = 1 is DML (KL).");
        if (settings.quick()) {
            report.warning("Quick mode: " + trainRows + " training / " + testRows + " test images (stratified "
                    + "subsets), " + mlpEpochs + " epochs, MLP only — LeNet-5 (~40 ms per step on this machine) "
                    + "runs in full mode only.");
        }
        Table table = Table.of("dataset.model", "α", "peer", "final accuracy", "sd over seeds")
                .caption("Final test accuracy per α (mean and standard deviation over seeds).");
        List<String> verdicts = new ArrayList<>();
        for (String data : new String[] {"mnist", "fashion-mnist"}) {
            Dataset train = CohortRun.subset(registry.load(data, "train", NaPolicy.DROP_ROWS), trainRows,
                    settings.seed(100));
            Dataset test = CohortRun.subset(registry.load(data, "test", NaPolicy.DROP_ROWS), testRows,
                    settings.seed(101));
            results.dataset(data, Map.of("train", train.size(), "test", test.size()));
            List<CohortRun.Setup> setups = new ArrayList<>();
            setups.add(setup("mlp", mlpEpochs, settings.pick(64, 128), 0.1));
            if (!settings.quick()) {
                setups.add(setup("lenet5", 10, 128, 0.1));
            }
            for (CohortRun.Setup s : setups) {
                String key = data + "." + s.modelLabel();
                report.subheading(key);
                List<AlphaGrid.Cell> cells = AlphaGrid.run(key, s, ALPHAS, seeds, train, test, results, report,
                        table);
                verdicts.add(AlphaGrid.verdict(key, cells));
            }
        }
        verdicts.add(arrests(registry, settings, seeds, results, report, table));
        report.table(table);
        results.write(dir.resolve("results.json"));
        report.provenance(results.provenance()).write(dir.resolve("report.html"));
        return verdicts.get(0);
    }

    private static CohortRun.Setup setup(String model, int epochs, int batch, double lr) {
        return new CohortRun.Setup(List.of(model), 2, epochs, batch, lr, "sgd", CohortTrainer.Update.SIMULTANEOUS);
    }

    /** The arrests table: accuracy per colour group and the equal-opportunity difference per α (§7). */
    private static String arrests(DatasetRegistry registry, RunSettings settings, long[] seeds, Results results,
            Report report, Table table) throws Exception {
        Dataset all = registry.load("arrests");
        Split split = all.split(0.7, 0, settings.seed(200)).standardized();
        results.dataset("arrests", Map.of("train", split.train().size(), "test", split.test().size()));
        CategoricalColumn colour = split.test().group("colour");
        String[] groupOf = colour.values();
        List<String> levels = colour.levels();
        // [α][seed] of peer-mean group accuracies and EO differences at the last epoch.
        Map<Double, double[][]> groupAcc = new LinkedHashMap<>();
        Map<Double, double[]> eo = new LinkedHashMap<>();
        CohortRun.Setup s = setup("mlp", settings.pick(5, 30), 64, 0.02);
        String key = "arrests." + s.modelLabel();
        report.subheading(key + " (protected attribute colour)");
        List<AlphaGrid.Cell> cells = AlphaGrid.run(key, s, ALPHAS, seeds, split.train(), split.test(), results, report, table,
                (alpha, seedIndex, outcome) -> {
                    double[][] acc = groupAcc.computeIfAbsent(alpha, a -> new double[levels.size()][seeds.length]);
                    double[] gap = eo.computeIfAbsent(alpha, a -> new double[seeds.length]);
                    for (int i = 0; i < s.peers(); i++) {
                        FrameInput in = FrameInput.builder().yTrue(split.test().labels())
                                .yPred(outcome.trainer().predict(i, split.test().features().to(
                                        DType.FLOAT32)))
                                .sensitive("colour", groupOf).numClasses(2)
                                .favourable(split.test().favourableClass()).build();
                        MetricFrame frame = MetricFrame.of(in, Map.of("accuracy", RateMetrics.ACCURACY));
                        for (int g = 0; g < levels.size(); g++) {
                            acc[g][seedIndex] += frame.value("accuracy", Group.of("colour", levels.get(g)))
                                    / s.peers();
                        }
                        gap[seedIndex] += Disparities.of(in).equalOpportunityDifference().value() / s.peers();
                    }
                });
        Table fair = Table.of("α", "accuracy " + String.join(" / ", levels), "equal-opportunity difference")
                .caption("arrests: accuracy per colour group and the equal-opportunity difference (TPR gap of the "
                        + "favourable label 'released = Yes'), last epoch, mean of peers; mean ± sd over seeds.");
        for (double alpha : ALPHAS) {
            String prefix = key + ".alpha_" + AlphaGrid.alphaKey(alpha);
            StringBuilder accCell = new StringBuilder();
            for (int g = 0; g < levels.size(); g++) {
                SeedSummary gs = results.seedMetric(prefix + ".accuracy_" + levels.get(g), groupAcc.get(alpha)[g]);
                accCell.append(g == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.4f ± %.4f",
                        gs.mean(), gs.std()));
            }
            SeedSummary es = results.seedMetric(prefix + ".eo_difference", eo.get(alpha));
            fair.row(AlphaGrid.alphaKey(alpha), accCell.toString(), String.format(Locale.ROOT,
                    "%.4f ± %.4f", es.mean(), es.std()));
        }
        report.table(fair);
        return AlphaGrid.verdict(key, cells);
    }
}
