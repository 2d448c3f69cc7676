package org.equitrain.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.Split;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.data.registry.RegisteredDataset;
import org.equitrain.experiments.AlphaGrid;
import org.equitrain.experiments.CohortRun;
import org.equitrain.experiments.RunSettings;
import org.equitrain.mutual.CohortTrainer;
import org.equitrain.nn.train.TrainingDivergedException;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import org.equitrain.report.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code equitrain mutual}: trains a cohort by Rényi deep mutual learning (renyi-dml.md §4) on a registered
 * dataset for one or more α, over several seeds, and writes {@code results.json} and {@code report.html}.
 * A dataset with train and test parts uses them; any other is split 70/30 (stratified, seeded).
 */
@Command(name = "mutual", mixinStandardHelpOptions = true,
        description = "Train K peers by Rényi deep mutual learning and report each peer's test accuracy.")
public final class MutualCommand implements Callable<Integer> {
    /** Largest Rényi order (renyi-dml.md §3: cap α; the published grid stops at 2). */
    static final double MAX_ALPHA = 2;

    @Option(names = "--data", required = true, description = "Registered dataset name (see 'equitrain data list').")
    String data;

    @Option(names = "--model", split = ",", description = "Peer models mlp|lenet5, cycled over the peers "
            + "(default: ${DEFAULT-VALUE}).")
    List<String> models = new ArrayList<>(List.of("mlp"));

    @Option(names = "--peers", description = "Cohort size K (default: ${DEFAULT-VALUE}).")
    int peers = 2;

    @Option(names = "--alpha", split = ",", description = "Rényi order(s) α in [0, 2]; 0 = independent, 1 = DML "
            + "(default: ${DEFAULT-VALUE}; renyi-dml.md §3 caps α: large orders put all the gradient on one class).")
    List<Double> alphas = new ArrayList<>(List.of(1.0));

    @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 10;

    @Option(names = "--seeds", description = "Number of seeds per α (default: ${DEFAULT-VALUE}).")
    int seeds = 3;

    @Option(names = "--seed", description = "Base seed (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--batch-size", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 128;

    @Option(names = "--lr", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr = 0.05;

    @Option(names = "--optimizer", description = "sgd (Nesterov 0.9, weight decay 5e-4) or adam "
            + "(default: ${DEFAULT-VALUE}).")
    String optimizer = "sgd";

    @Option(names = "--update", description = "simultaneous or sequential (DML Algorithm 1) "
            + "(default: ${DEFAULT-VALUE}).")
    String update = "simultaneous";

    @Option(names = "--train-rows", description = "Use a stratified subset of exactly this many training rows "
            + "(default: all).")
    Integer trainRows;

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("out/mutual");

    private final Supplier<DatasetRegistry> registry;

    /** Uses {@link DatasetRegistry#standard()}. */
    public MutualCommand() {
        this(DatasetRegistry::standard);
    }

    /** Uses the given registry (tests, other caches). */
    public MutualCommand(Supplier<DatasetRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        Results results = Results.start("mutual"); // the wall clock runs from here
        OptionChecks.atLeast("--peers", peers, 1);
        OptionChecks.atLeast("--epochs", epochs, 1);
        OptionChecks.atLeast("--seeds", seeds, 1);
        OptionChecks.atLeast("--batch-size", batchSize, 1);
        OptionChecks.positive("--lr", lr);
        if (trainRows != null) {
            OptionChecks.atLeast("--train-rows", trainRows, 1);
        }
        double[] alphaArray = alphas();
        List<String> peerModels = models.stream()
                .map(m -> spelled(Choices.parse("--model", m, CohortRun.PeerModel.values()))).toList();
        String opt = spelled(Choices.parse("--optimizer", optimizer, CohortRun.PeerOptimizer.values()));
        CohortTrainer.Update u = Choices.parse("--update", update, CohortTrainer.Update.values());
        CohortRun.Setup setup = new CohortRun.Setup(peerModels, peers, epochs, batchSize, lr, opt, u);
        OptionChecks.outputFolder(out);
        DatasetRegistry reg = registry.get();
        RegisteredDataset entry = reg.get(data);
        Dataset train;
        Dataset test;
        if (entry.parts().contains("train") && entry.parts().contains("test")) {
            train = reg.load(data, "train", NaPolicy.DROP_ROWS);
            test = reg.load(data, "test", NaPolicy.DROP_ROWS);
        } else {
            Split split = reg.load(data).split(0.7, 0, seed).standardized();
            train = split.train();
            test = split.test();
        }
        if (trainRows != null && trainRows > train.size()) {
            System.err.printf(Locale.ROOT, "equitrain mutual: note: --train-rows %d is more than the %d training "
                    + "rows of %s; using all of them%n", trainRows, train.size(), data);
        }
        train = trainRows == null ? train : CohortRun.subset(train, trainRows, seed);
        long present = Arrays.stream(train.labels()).distinct().count();
        if (present < train.classCount()) {
            System.err.printf(Locale.ROOT, "equitrain mutual: note: the %d training rows hold %d of the %d classes of "
                    + "%s; the peers cannot learn the others (use a larger --train-rows)%n", train.size(), present,
                    train.classCount(), data);
        }
        long[] seedList = new long[seeds];
        RunSettings settings = new RunSettings(false, seed);
        for (int i = 0; i < seeds; i++) {
            seedList[i] = settings.seed(i);
        }
        results.seeds(seedList).dataset(data, Map.of("train", train.size(), "test", test.size()));
        results.metric("config", config(setup, alphaArray, train.size()));
        Report report = new Report("Rényi deep mutual learning on " + data);
        report.paragraph(String.format(Locale.ROOT, "K = %d peers (%s), %s update, %s lr %s, batch %d, %d epochs, "
                + "%d seed(s) per α. Final accuracy = mean test accuracy of the last min(5, epochs) epochs.", peers,
                setup.modelLabel(), spelled(u), opt, lr, batchSize, epochs, seeds));
        Table table = Table.of("dataset.model", "α", "peer", "final accuracy", "sd over seeds");
        String key = data + "." + setup.modelLabel();
        List<AlphaGrid.Cell> cells;
        try {
            cells = AlphaGrid.run(key, setup, alphaArray, seedList, train, test, results, report, table);
        } catch (TrainingDivergedException d) {
            throw new IllegalArgumentException(d.getMessage() + "; try a smaller --lr than " + lr, d);
        }
        report.table(table.caption("Final test accuracy per α (mean and standard deviation over seeds)."));
        results.write(out.resolve("results.json"));
        report.provenance(results.provenance()).write(out.resolve("report.html"));
        for (AlphaGrid.Cell c : cells) {
            double sd = c.summary().std();
            System.out.printf(Locale.ROOT, "%s alpha=%s accuracy %.4f %s%n", key, AlphaGrid.alphaKey(c.alpha()),
                    c.summary().mean(), Double.isNaN(sd) ? "(one seed: no spread)"
                    : String.format(Locale.ROOT, "± %.4f", sd));
        }
        System.out.println("wrote " + out.resolve("results.json") + " and " + out.resolve("report.html"));
        return 0;
    }

    private static String spelled(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The Rényi orders, each in [0, {@link #MAX_ALPHA}] and none twice. */
    private double[] alphas() {
        double[] a = new double[alphas.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = OptionChecks.within("--alpha", alphas.get(i), 0, MAX_ALPHA);
            for (int j = 0; j < i; j++) {
                if (a[j] == a[i]) {
                    throw new IllegalArgumentException("--alpha lists " + alphas.get(i) + " twice");
                }
            }
        }
        return a;
    }

    /** The run's configuration for results.json, in a fixed order. */
    private Map<String, Object> config(CohortRun.Setup setup, double[] alphaArray, int rows) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("models", setup.modelLabel());
        c.put("peers", peers);
        c.put("alphas", alphaArray);
        c.put("epochs", epochs);
        c.put("batch_size", batchSize);
        c.put("lr", lr);
        c.put("optimizer", setup.optimizer());
        c.put("update", spelled(setup.update()));
        c.put("train_rows", rows);
        c.put("seed", seed);
        return c;
    }
}
