package org.equitrain.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.equitrain.data.Dataset;
import org.equitrain.data.FeatureSchema;
import org.equitrain.data.Rows;
import org.equitrain.data.Split;
import org.equitrain.data.Standardizer;
import org.equitrain.fairness.Condensation;
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
import org.equitrain.nn.Module;
import org.equitrain.nn.train.Checkpoint;
import org.equitrain.nn.train.TrainingDivergedException;
import org.equitrain.nn.train.TrainingProgress;
import org.equitrain.report.Progress;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code equitrain train}: trains a classifier with ERM, reweighing, L2RW or FORML (forml.md) on a registered
 * dataset or a CSV file, then writes a checkpoint, the learned training weights and a fairness audit of the test part.
 * With {@code --condense F} (FORML data condensation, forml.md §8) the model written is an ERM retraining on the top
 * fraction F of the training rows by FORML's learned weight ({@link Condensation}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a fair classifier by per-example reweighting (erm | reweighing | l2rw | forml). Labels"
                + " may have two or more classes (multiclass eo-loss-gap averages over the classes one-vs-rest).",
            "Writes to the output folder: model.ckpt and model.json (the model, for 'equitrain predict'); "
                + "weights.csv (training row id, learned weight); predictions.csv (test rows: row_id, the label "
                + "column, predicted, score = probability of the favourable class, the group columns; classes as "
                + "0-based indices), which 'equitrain audit' reads as the printed command shows; results.json (data, "
                + "class names, training configuration, method options, seed, the condensation, final training loss,"
                + " test accuracy, EO gap); metrics.json and report.html (audit of the test part; the report also "
                + "shows the learned weights by group and label). With --condense the model, predictions, results "
                + "and audit are those of the model retrained on the kept rows; "
                + "weights.csv stays FORML's learned weights."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "NAME|FILE",
            description = "A registered dataset name (see 'equitrain data list') or a CSV file with a header row.")
    String data;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "Column of class labels.")
    String label;

    @Option(names = "--group", required = true, split = ",", paramLabel = "COL",
            description = "Protected-attribute column(s); several are trained on as intersectional groups.")
    List<String> groups;

    @Option(names = "--favourable", paramLabel = "CLASS", description = "Favourable class name (default: the "
            + "registered dataset's; for a CSV file the second class in sorted order).")
    String favourable;

    @Option(names = "--exclude", split = ",", paramLabel = "COL",
            description = "Columns that are not features (e.g. ids, earlier predictions); default: none.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--categorical", split = ",", paramLabel = "COL", description = "CSV columns to read as "
            + "categories although most of their values are numbers (e.g. 0,1,2,3+); default: typed by the majority "
            + "of values.")
    List<String> categorical = new ArrayList<>();

    @Option(names = "--method", defaultValue = "forml", description = "erm | reweighing | l2rw | forml "
            + "(default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--model", defaultValue = "logistic", paramLabel = "logistic|mlp[:H1,H2]",
            description = "Model: logistic regression or an MLP with the given hidden widths (mlp = mlp:128,64; "
                + "default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--heldout-frac", defaultValue = "0.1", description = "Held-out fraction, read by L2RW and "
            + "FORML, set aside for every method so they train on the same rows (default: ${DEFAULT-VALUE}).")
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
            + "reweighting, fewer than --epochs (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--condense", paramLabel = "F", description = "FORML data condensation: after FORML training,"
            + " retrain from scratch with uniform weights (ERM) on the top fraction F (0 < F < 1) of the training rows"
            + " by learned weight (round(F·rows), ties to the earlier row); default: off.")
    Double condense;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of split, initialisation and batches "
            + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/train",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Results provenance = Results.start("equitrain train").seeds(seed);
        ModelSpec modelSpec = ModelSpec.parse(model);
        FormlOptions forml = checkOptions();
        OptionChecks.outputFolder(out);
        TrainingData td = TrainingData.load(data, label, groups, favourable, exclude, categorical);
        Split raw = td.split(testFrac, heldOutFrac, seed, readsHeldOut() ? method : null);
        Standardizer standardizer = Standardizer.fit(raw.train());
        Split split = raw.standardizedBy(standardizer);
        GroupedData train = GroupedData.of(split.train(), td.groupColumn());
        GroupedData test = GroupedData.of(split.test(), td.groupColumn());
        GroupedData heldOut = GroupedData.of(split.heldOut(), td.groupColumn());
        int[] missing = method.equals("forml") ? forml.objective().missingHeldOutCell(heldOut) : null;
        if (missing != null && missing[1] >= 0) { // a group with no rows at all: FormlTrainer's own check says so
            throw new IllegalArgumentException("--group " + td.groupColumn() + ": the held-out part has no rows of "
                    + "group '" + heldOut.groupNames().get(missing[0]) + "' with the class '"
                    + split.heldOut().classNames().get(missing[1]) + "', which --objective "
                    + forml.objective().optionName() + " needs; use a larger --heldout-frac or another --objective");
        }
        Module net = modelSpec.build(train.x().dim(1), train.classes());
        ReweightedTraining.Config config = ReweightedTraining.Config.defaults().withLr(lr).withBatchSize(batchSize)
                .withEpochs(epochs).withSeed(seed);
        ReweightedTraining run = new ReweightedTraining(net, train,
                ReweightingMethods.create(method, heldOut, forml, lr), config);
        fit(run, method + " epochs");
        double[] learned = run.method().weights();
        ReweightedTraining written = run; // the model written: the method's, or with --condense its retraining
        TrainingRun.Condensed condensed = null;
        if (condense != null) { // forml.md §8: keep the top fraction by learned weight, retrain from scratch with ERM
            int[] kept = Condensation.topRows(learned, Condensation.keptCount(train.size(), condense));
            noteOneClass(kept, train, split.train().classNames());
            written = Condensation.retraining(net, train, kept, config);
            fit(written, "condensed erm epochs");
            condensed = new TrainingRun.Condensed(condense, kept.length, train.size(), run.steps(), run.skipped(),
                    run.lastEpochLoss());
        }

        Checkpoint.capture(written.params(), Map.of(), written.optimizer(), new TrainingProgress(written.steps(),
                epochs, 0, seed, Double.NaN)).save(out.resolve(ModelCard.CHECKPOINT));
        ModelCard.of(model, label, split.test().classNames(), test.favourable(), td.groups(), data,
                FeatureSchema.of(raw.train().featureInfo(), standardizer).orElse(null)).write(out);
        writeWeights(split.train().rowIds(), learned);
        Predictions p = Predictions.of(net, written.params(), test.x());
        PredictionsCsv csv = PredictionsCsv.columns(label, td.groups());
        csv.write(out.resolve("predictions.csv"), split.test(), p, test.favourable());
        Evaluation e = Evaluation.of(p.classes(), test);
        List<String> classNames = split.test().classNames();
        TrainingRun record = new TrainingRun(
                new TrainingRun.Data(data, label, td.groups(), List.copyOf(exclude), classNames, test.favourable(),
                        train.x().dim(1), rows(train, heldOut, test)),
                new TrainingRun.Settings(method, model, config, testFrac, heldOutFrac,
                        TrainingRun.methodOptions(method, forml, lr)), condensed,
                new TrainingRun.Outcome(written.steps(), written.skipped(), written.lastEpochLoss(), e.accuracy(),
                        e.eoGap(), e.eoGapReason()));
        record.write(out.resolve("results.json"));
        Report report = audit(split.test(), test, p, csv, classNames, record, provenance.dataset(data,
                record.data().rows()));
        TrainingWeightsFigure.add(report, method, learned, train, classNames, label, td.groups());
        report.write(out.resolve("report.html"));

        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "equitrain train: %s, method %s, model %s: %d train / %d held-out / %d test rows, %d "
                + "steps (%d skipped)%n", data, method, model, train.size(), heldOut.size(), test.size(), run.steps(),
                run.skipped());
        if (condensed != null) {
            o.printf(Locale.ROOT, "condensed: kept the top %s of the training rows by FORML weight (%d of %d) and "
                    + "retrained from scratch with ERM, %d steps; the model, predictions and audit below are the "
                    + "retrained model's, weights.csv holds FORML's weights%n", TrainingRun.percent(condense),
                    condensed.keptRows(), train.size(), written.steps());
        }
        o.printf(Locale.ROOT, "final training loss %.4f; test accuracy %.4f, EO gap (TPR difference of favourable "
                + "class '%s' across '%s') %s%n", written.lastEpochLoss(), e.accuracy(), classNames.get(
                test.favourable()), td.groupColumn(), e.eoGapReason() == null ? String.format(Locale.ROOT, "%.4f",
                e.eoGap()) : "undefined: " + e.eoGapReason());
        o.println("wrote model.ckpt, model.json, weights.csv, predictions.csv, results.json, metrics.json and "
                + "report.html to " + out);
        o.println("audit the predictions again with: equitrain " + ShellWords.join(
                csv.auditArguments(out.resolve("predictions.csv"), test.favourable())));
        o.flush();
        return 0;
    }

    /** Every option value, checked before any data is read; returns FORML's options. */
    private FormlOptions checkOptions() {
        if (!ReweightingMethods.NAMES.contains(method)) {
            throw new IllegalArgumentException("--method: '" + method + "' is not one of "
                    + String.join(", ", ReweightingMethods.NAMES));
        }
        if (!weights.equals("persistent") && !weights.equals("per-batch")) {
            throw new IllegalArgumentException("--weights: '" + weights + "' is not one of persistent, per-batch");
        }
        for (String option : List.of("--anchor", "--weight-lr", "--weight-init", "--normalise", "--objective",
                "--weights", "--warmup-epochs", "--lookahead-lr", "--condense")) {
            OptionChecks.onlyFor(spec, option, method.equals("forml"), "--method forml", "--method " + method);
        }
        OptionChecks.onlyFor(spec, "--heldout-batch", readsHeldOut(), "--method l2rw or forml", "--method " + method);
        OptionChecks.atLeast("--epochs", epochs, 1);
        OptionChecks.atLeast("--batch-size", batchSize, 1);
        OptionChecks.atLeast("--heldout-batch", heldOutBatch, 1);
        OptionChecks.atLeast("--warmup-epochs", warmupEpochs, 0);
        OptionChecks.positive("--lr", lr);
        OptionChecks.nonNegative("--anchor", anchor);
        OptionChecks.nonNegative("--weight-lr", weightLr);
        OptionChecks.nonNegative("--weight-init", weightInit);
        if (lookaheadLr != null) {
            OptionChecks.positive("--lookahead-lr", lookaheadLr);
        }
        if (condense != null) {
            OptionChecks.between("--condense", condense, 0, 1);
        }
        OptionChecks.between("--test-frac", testFrac, 0, 1);
        if (readsHeldOut()) {
            OptionChecks.between("--heldout-frac", heldOutFrac, 0, 1);
        } else {
            OptionChecks.within("--heldout-frac", heldOutFrac, 0, 1);
        }
        if (!(testFrac + heldOutFrac < 1)) {
            throw new IllegalArgumentException("--test-frac " + testFrac + " and --heldout-frac " + heldOutFrac
                    + " leave no rows for training: their sum must be below 1");
        }
        if (method.equals("forml") && warmupEpochs >= epochs) {
            throw new IllegalArgumentException("--warmup-epochs " + warmupEpochs + " leaves no FORML epochs: with "
                    + "--epochs " + epochs + " every epoch would be plain ERM; use fewer warm-up epochs than epochs");
        }
        for (String c : exclude) {
            if (c.isBlank()) {
                throw new IllegalArgumentException("--exclude: an empty column name in '" + String.join(",", exclude)
                        + "'");
            }
        }
        return FormlOptions.defaults()
                .withObjective(Choices.parse("--objective", objective, MetaObjective.values()))
                .withAnchor(anchor).withWeightLr(weightLr)
                .withNormalise(Choices.parse("--normalise", normalise, FormlOptions.Normalisation.values()))
                .withPersistent(weights.equals("persistent")).withWarmupEpochs(warmupEpochs).withSeed(seed)
                .withWeightInit(weightInit).withHeldOutBatch(heldOutBatch)
                .withLookaheadLr(lookaheadLr == null ? Double.NaN : lookaheadLr);
    }

    /** A note on stderr when the rows kept by --condense hold one class only: the retraining can learn no other. */
    private void noteOneClass(int[] kept, GroupedData train, List<String> classNames) {
        int[] labels = Rows.pick(train.y(), kept);
        if (Arrays.stream(labels).allMatch(c -> c == labels[0])) {
            System.err.println("equitrain train: note: --condense " + condense + " keeps " + kept.length + " of "
                    + train.size() + " training rows, all of class '" + classNames.get(labels[0]) + "': the retrained "
                    + "model learns no other class; use a larger --condense");
        }
    }

    /**
     * Fits {@code run} under a progress bar; a divergence is an error naming the options that caused it: FORML's
     * weight options when its learned weights overflowed, else --lr (L2RW's look-ahead rate too).
     */
    private void fit(ReweightedTraining run, String name) {
        try (Progress p = Progress.start(name, epochs)) {
            run.fit(epoch -> p.advance());
        } catch (TrainingDivergedException d) {
            boolean formlWeights = run.weightsDiverged(d) && method.equals("forml"); // L2RW's rate is --lr
            throw new IllegalArgumentException(d.getMessage() + (formlWeights ? "; try a smaller --weight-lr, "
                    + "--weight-init or " + (lookaheadLr == null ? "--lookahead-lr (default: --lr " + lr + ")"
                    : "--lookahead-lr") : "; try a smaller --lr than " + lr), d);
        }
    }

    /** Whether the method reads the held-out part (L2RW and FORML). */
    private boolean readsHeldOut() {
        return method.equals("l2rw") || method.equals("forml");
    }

    /**
     * Writes metrics.json, the audit of the test predictions as 'equitrain audit' of predictions.csv, and returns
     * its report with the training's summary.
     */
    private Report audit(Dataset testRows, GroupedData test, Predictions p, PredictionsCsv csv,
            List<String> classNames, TrainingRun record, Results provenance) throws IOException {
        FrameInput.Builder frame = FrameInput.builder().yTrue(test.y()).yPred(p.classes())
                .scores(p.probability(test.favourable())).favourable(test.favourable()).numClasses(test.classes())
                .classNames(classNames);
        for (String g : csv.groups()) {
            frame.sensitive(g, testRows.group(g).values());
        }
        Audit audit = Audit.run(frame.build(), Audit.Options.defaults());
        AuditJson.Source source = new AuditJson.Source(data, new AuditTable.Columns(label, csv.predicted(),
                csv.score(), null, csv.groups()), "equitrain train");
        AtomicFiles.write(out.resolve("metrics.json"), s -> AuditJson.write(s, audit, source));
        return AuditReport.of(audit, source, provenance.provenance()).heading("Training").summary(record.summary());
    }

    private static Map<String, Integer> rows(GroupedData train, GroupedData heldOut, GroupedData test) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        rows.put("train", train.size());
        rows.put("held_out", heldOut.size());
        rows.put("test", test.size());
        return rows;
    }

    private void writeWeights(int[] rowIds, double[] w) throws IOException {
        StringBuilder b = new StringBuilder("row_id,weight\n");
        for (int i = 0; i < w.length; i++) {
            b.append(rowIds[i]).append(',').append(w[i]).append('\n');
        }
        AtomicFiles.writeString(out.resolve("weights.csv"), b.toString());
    }
}
