package org.equitrain.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.equitrain.data.Dataset;
import org.equitrain.data.Split;
import org.equitrain.data.StratifiedSplit;
import org.equitrain.data.TableEncoder;
import org.equitrain.data.readers.CsvReader;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.fairness.Evaluation;
import org.equitrain.fairness.FormlOptions;
import org.equitrain.fairness.GroupedData;
import org.equitrain.fairness.MetaObjective;
import org.equitrain.fairness.Predictions;
import org.equitrain.fairness.ReweightedTraining;
import org.equitrain.fairness.ReweightingMethods;
import org.equitrain.fairness.metrics.Audit;
import org.equitrain.fairness.metrics.AuditTable;
import org.equitrain.fairness.metrics.FrameInput;
import org.equitrain.io.AtomicFiles;
import org.equitrain.nn.Linear;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.train.Checkpoint;
import org.equitrain.nn.train.TrainingProgress;
import org.equitrain.report.Progress;
import org.equitrain.report.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code equitrain train}: trains a classifier with ERM, reweighing, L2RW or FORML (forml.md) on a registered
 * dataset or a CSV file, then writes a checkpoint, the learned training weights and a fairness audit of the test part.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a fair classifier by per-example reweighting (erm | reweighing | l2rw | forml).",
            "Writes model.ckpt, weights.csv (training row id, learned weight), metrics.json and report.html (audit"
                + " of the test part) to the output folder."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "NAME|FILE",
            description = "A registered dataset name (see 'equitrain data list') or a CSV file with a header row.")
    String data;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "Column of class labels.")
    String label;

    @Option(names = "--group", required = true, paramLabel = "COL", description = "Protected-attribute column.")
    String group;

    @Option(names = "--favourable", paramLabel = "CLASS",
            description = "Favourable class name for a CSV file (default: the second class).")
    String favourable;

    @Option(names = "--method", defaultValue = "forml", description = "erm | reweighing | l2rw | forml "
            + "(default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--model", defaultValue = "logistic", paramLabel = "logistic|mlp[:H1,H2]",
            description = "Model: logistic regression or an MLP with the given hidden widths (mlp = mlp:128,64; "
                + "default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--heldout-frac", defaultValue = "0.1", description = "Held-out fraction for L2RW and FORML "
            + "(default: ${DEFAULT-VALUE}).")
    double heldOutFrac;

    @Option(names = "--test-frac", defaultValue = "0.2", description = "Test fraction (default: ${DEFAULT-VALUE}).")
    double testFrac;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.01", description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--batch-size", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--objective", defaultValue = "eo-loss-gap", description = "FORML meta-objective: eo-loss-gap"
            + " | worst-group | dp-score-gap | eo-score-gap | loss-gap | mean-loss (default: ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = "--anchor", defaultValue = "1", description = "FORML accuracy anchor β (default: "
            + "${DEFAULT-VALUE}).")
    double anchor;

    @Option(names = "--weight-lr", defaultValue = "0.1", description = "FORML weight learning rate (default: "
            + "${DEFAULT-VALUE}).")
    double weightLr;

    @Option(names = "--normalise", defaultValue = "global-mean", description = "FORML weight normalisation: "
            + "global-mean | batch-mean | sum | l2 | none (default: ${DEFAULT-VALUE}).")
    String normalise;

    @Option(names = "--weights", defaultValue = "persistent", description = "FORML weights: persistent | per-batch"
            + " (default: ${DEFAULT-VALUE}).")
    String weights;

    @Option(names = "--warmup-epochs", defaultValue = "0", description = "FORML epochs of plain ERM before "
            + "reweighting (default: ${DEFAULT-VALUE}).")
    int warmupEpochs;

    @Option(names = "--weight-init", defaultValue = "1", description = "FORML initial weight of every example "
            + "(default: ${DEFAULT-VALUE}).")
    double weightInit;

    @Option(names = "--lookahead-lr", paramLabel = "ALPHA", description = "FORML virtual-step rate α (default: the "
            + "model learning rate --lr).")
    Double lookaheadLr;

    @Option(names = "--heldout-batch", defaultValue = "1024", description = "FORML held-out minibatch: the whole "
            + "held-out set when it fits, else stratified batches of this size (default: ${DEFAULT-VALUE}).")
    int heldOutBatch;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of split, initialisation and batches "
            + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/train",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Results provenance = Results.start("equitrain train").equitrainVersion(VersionProvider.version()).seeds(seed);
        if (!ReweightingMethods.NAMES.contains(method)) {
            throw new IllegalArgumentException("--method: '" + method + "' is not one of " + ReweightingMethods.NAMES);
        }
        if (!weights.equals("persistent") && !weights.equals("per-batch")) {
            throw new IllegalArgumentException("--weights: '" + weights + "' is not persistent or per-batch");
        }
        Dataset dataset = load();
        Split split = StratifiedSplit.of(dataset, 1 - heldOutFrac - testFrac, heldOutFrac, seed).standardized();
        GroupedData train = GroupedData.of(split.train(), group);
        GroupedData test = GroupedData.of(split.test(), group);
        GroupedData heldOut = GroupedData.of(split.heldOut(), group);
        FormlOptions forml = FormlOptions.defaults().withObjective(MetaObjective.parse(objective)).withAnchor(anchor)
                .withWeightLr(weightLr)
                .withNormalise(Choices.parse("--normalise", normalise, FormlOptions.Normalisation.values()))
                .withPersistent(weights.equals("persistent")).withWarmupEpochs(warmupEpochs).withSeed(seed)
                .withWeightInit(weightInit).withHeldOutBatch(heldOutBatch)
                .withLookaheadLr(lookaheadLr == null ? Double.NaN : lookaheadLr);
        Module net = model(model, train.x().dim(1));
        ReweightedTraining.Config config = ReweightedTraining.Config.defaults().withLr(lr).withBatchSize(batchSize)
                .withEpochs(epochs).withSeed(seed);
        ReweightedTraining run = new ReweightedTraining(net, train,
                ReweightingMethods.create(method, heldOut, forml, lr), config);
        try (Progress p = Progress.start(method + " epochs", epochs)) {
            run.fit(epoch -> p.advance());
        }

        Files.createDirectories(out);
        Checkpoint.capture(run.params(), Map.of(), run.optimizer(), new TrainingProgress(run.steps(),
                epochs, 0, seed, Double.NaN)).save(out.resolve("model.ckpt"));
        writeWeights(split.train().rowIds(), run.method().weights());
        Predictions p = Predictions.of(net, run.params(), test.x());
        FrameInput frame = FrameInput.builder().yTrue(test.y()).yPred(p.classes()).scores(p.probability(
                test.favourable())).favourable(test.favourable()).numClasses(test.classes())
                .sensitive(group, groupNames(test)).build();
        Audit audit = Audit.run(frame, Audit.Options.defaults());
        AuditJson.Source source = new AuditJson.Source(data + " (test part, " + test.size() + " rows, model "
                + model + ", method " + method + ")",
                new AuditTable.Columns(label, "predicted", "score", null, List.of(group)));
        provenance.dataset(data, Map.of("train", train.size(), "held_out", heldOut.size(), "test", test.size()));
        AtomicFiles.write(out.resolve("metrics.json"), s -> AuditJson.write(s, audit, source));
        AuditReport.of(audit, source, provenance.provenance()).write(out.resolve("report.html"));

        Evaluation e = Evaluation.of(p.classes(), test);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "equitrain train: %s, method %s, model %s: %d train / %d held-out / %d test rows, %d "
                + "steps (%d skipped)%n", data, method, model, train.size(), heldOut.size(), test.size(), run.steps(),
                run.skipped());
        o.printf(Locale.ROOT, "test accuracy %.4f, EO gap (TPR difference across '%s') %.4f%n", e.accuracy(), group,
                e.eoGap());
        o.println("wrote model.ckpt, weights.csv, metrics.json and report.html to " + out);
        o.flush();
        return 0;
    }

    private Dataset load() throws IOException {
        Path file = Path.of(data);
        Dataset d;
        if (Files.isRegularFile(file)) {
            TableEncoder enc = new TableEncoder(new CsvReader().categorical(label, group).read(file)).label(label)
                    .group(group);
            if (favourable != null) {
                enc.favourable(favourable);
            }
            d = enc.encode(file.getFileName().toString());
        } else {
            d = DatasetRegistry.standard().load(data);
            if (!d.labelColumn().name().equals(label)) {
                throw new IllegalArgumentException("dataset '" + data + "' has label column '"
                        + d.labelColumn().name() + "', not '" + label + "'");
            }
        }
        if (!d.groupNames().contains(group)) {
            throw new IllegalArgumentException("--group: dataset '" + data + "' has no group column '" + group
                    + "'; its group columns are " + d.groupNames());
        }
        Notices.droppedRows("train", d);
        return d;
    }

    /** "logistic", "mlp" (hidden 128, 64) or "mlp:H1,H2,...". */
    static Module model(String spec, int inputs) {
        if (spec.equals("logistic")) {
            return new Linear(inputs, 2);
        }
        if (spec.equals("mlp") || spec.startsWith("mlp:")) {
            List<Integer> widths = new ArrayList<>(List.of(inputs));
            String hidden = spec.equals("mlp") ? "128,64" : spec.substring(4);
            for (String h : hidden.split(",")) {
                try {
                    widths.add(Integer.parseInt(h.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--model: hidden width '" + h + "' in '" + spec
                            + "' is not an integer");
                }
            }
            widths.add(2);
            return Mlp.of(widths.stream().mapToInt(Integer::intValue).toArray());
        }
        throw new IllegalArgumentException("--model: '" + spec + "' is not logistic, mlp or mlp:H1,H2");
    }

    private void writeWeights(int[] rowIds, double[] w) throws IOException {
        StringBuilder b = new StringBuilder("row_id,weight\n");
        for (int i = 0; i < w.length; i++) {
            b.append(rowIds[i]).append(',').append(w[i]).append('\n');
        }
        AtomicFiles.writeString(out.resolve("weights.csv"), b.toString());
    }

    private static String[] groupNames(GroupedData d) {
        String[] s = new String[d.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = d.groupNames().get(d.group()[i]);
        }
        return s;
    }
}
