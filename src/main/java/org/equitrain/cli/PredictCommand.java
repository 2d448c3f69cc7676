package org.equitrain.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Dataset;
import org.equitrain.data.FeatureSchema;
import org.equitrain.data.Table;
import org.equitrain.data.readers.CsvReader;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.fairness.Predictions;
import org.equitrain.io.AtomicFiles;
import org.equitrain.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code equitrain predict}: applies a model written by {@code equitrain train} to the rows of a CSV file (or a
 * registered dataset), encoding them as the training rows were ({@link FeatureSchema}): the same columns (in any
 * order, others ignored), standardised by the training statistics, categories one-hot over the training levels.
 * Writes one line per row: its row id, the kept columns, the label and group columns when the file has them, the
 * predicted class name, the probability of the favourable class and, for three or more classes, every class's
 * probability.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predictions of a model trained by 'equitrain train' for the rows of a CSV file or a "
                + "registered dataset.",
            "The file needs the columns the model was trained on (any order; other columns are ignored), with "
                + "categories among those seen in training. When it also has the label and group columns, they are"
                + " copied to the output, accuracy is printed, and so is the 'equitrain audit' command for it."})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "The --out folder of an equitrain train run (model.json and model.ckpt).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv|NAME", description = "CSV file with a header "
            + "row, or a registered dataset (every row of it).")
    String data;

    @Option(names = "--keep", split = ",", paramLabel = "COL", description = "Columns copied to the output as they"
            + " are, e.g. an identifier.")
    List<String> keep = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE.csv", defaultValue = "predictions.csv",
            description = "Output file (default: ${DEFAULT-VALUE}).")
    Path out;

    /** The rows to predict: their ids, encoded features, and the label, group and kept columns they have. */
    private record Rows(int[] ids, Tensor x, CategoricalColumn label, List<CategoricalColumn> groups,
            List<CategoricalColumn> kept) {
    }

    @Override
    public Integer call() throws IOException {
        ModelCard card = ModelCard.read(model);
        if (card.features() == null) {
            throw new IllegalArgumentException("--model " + model + ": the model was trained on the images of '"
                    + card.trainedOn() + "', not on table columns; predict reads CSV tables");
        }
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a folder; give the file to write");
        }
        for (String c : keep) {
            if (c.equals(card.label()) || card.groups().contains(c)) {
                throw new IllegalArgumentException("--keep " + c + ": the label and group columns are copied anyway");
            }
        }
        ModelCard.Loaded loaded = card.load(model);
        boolean file = Files.isRegularFile(Path.of(data));
        Rows rows = file ? fromCsv(card) : fromRegistry(card);
        Predictions p = Predictions.of(loaded.net(), loaded.params(), rows.x());
        List<String> predictedAndScore = free(card);
        write(card, rows, p, predictedAndScore);

        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "equitrain predict: %d rows of %s by the %s model of %s%n", rows.ids().length, data,
                card.model(), model);
        if (rows.label() != null) {
            o.println(accuracy(card, rows.label(), p));
        }
        if (!file && data.equals(card.trainedOn())) {
            o.println("note: these are all rows of '" + data + "', those the model was trained on among them; the "
                    + "accuracy of its test part is in " + model.resolve("results.json"));
        }
        o.println("wrote " + out);
        if (rows.label() != null && rows.groups().size() == card.groups().size()) {
            o.println("audit them with: equitrain audit --data " + out + " --label " + card.label() + " --pred "
                    + predictedAndScore.get(0) + " --score " + predictedAndScore.get(1) + " --group "
                    + String.join(",", card.groups()) + " --favourable " + card.classes().get(card.favourable()));
        }
        o.flush();
        return 0;
    }

    private Rows fromCsv(ModelCard card) throws IOException {
        Table t = read(card);
        for (String c : keep) {
            if (!t.has(c)) {
                throw new IllegalArgumentException("--keep " + c + ": " + data + " has no column '" + c + "'");
            }
        }
        int[] ids = new int[t.rows()];
        Arrays.setAll(ids, i -> i);
        return new Rows(ids, card.features().encode(t), t.has(card.label()) ? t.categorical(card.label()) : null,
                card.groups().stream().filter(t::has).map(t::categorical).toList(),
                keep.stream().map(t::categorical).toList());
    }

    /** A registered dataset, every row of it, its features selected by name. */
    private Rows fromRegistry(ModelCard card) throws IOException {
        if (!keep.isEmpty()) {
            throw new IllegalArgumentException("--keep applies to a CSV file; '" + data + "' is a registered dataset");
        }
        Dataset d = DatasetRegistry.standard().load(data);
        return new Rows(d.rowIds(), card.features().encode(d), d.labelColumn().name().equals(card.label())
                ? d.labelColumn() : null, card.groups().stream().filter(d.groupNames()::contains).map(d::group)
                        .toList(), List.of());
    }

    /**
     * Reads {@link #data} so that a value the model cannot read is an error at its line and column (a column it
     * lacks is {@link FeatureSchema#encode}'s error).
     */
    private Table read(ModelCard card) throws IOException {
        CsvReader reader = new CsvReader();
        for (FeatureSchema.Input in : card.features().inputs()) {
            String missing = in.missing() ? "" : "; the model was trained without missing values here";
            if (in.kind() == FeatureSchema.Kind.NUMERIC) {
                reader.numeric(in.column()).require(in.column(), "a number" + missing, v -> v != null || in.missing());
            } else {
                reader.categorical(in.column()).require(in.column(), "one of the levels seen in training ("
                        + String.join(", ", in.levels()) + ")" + missing,
                        v -> v == null ? in.missing() : in.levels().contains(v));
            }
        }
        reader.categorical(card.label()).categorical(card.groups().toArray(String[]::new))
                .categorical(keep.toArray(String[]::new));
        return reader.read(Path.of(data));
    }

    /** The names of the prediction and score columns, clear of the columns copied from the data. */
    private List<String> free(ModelCard card) {
        List<String> taken = new ArrayList<>(keep);
        taken.add("row_id");
        taken.add(card.label());
        taken.addAll(card.groups());
        return List.of(PredictionsCsv.free("predicted", taken), PredictionsCsv.free("score", taken));
    }

    private void write(ModelCard card, Rows rows, Predictions p, List<String> predictedAndScore) throws IOException {
        List<CategoricalColumn> copied = new ArrayList<>(rows.kept());
        if (rows.label() != null) {
            copied.add(rows.label());
        }
        List<String> header = new ArrayList<>(List.of("row_id"));
        copied.forEach(c -> header.add(c.name()));
        header.addAll(predictedAndScore);
        rows.groups().forEach(g -> header.add(g.name()));
        List<String> classes = card.classes();
        if (classes.size() > 2) {
            classes.forEach(c -> header.add("p_" + c));
        }
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", header.stream().map(PredictionsCsv::field).toList())).append('\n');
        for (int i = 0; i < rows.ids().length; i++) {
            b.append(rows.ids()[i]);
            for (CategoricalColumn c : copied) {
                b.append(',').append(text(c, i));
            }
            b.append(',').append(PredictionsCsv.field(classes.get(p.classes()[i]))).append(',')
                    .append(p.probabilities()[i][card.favourable()]);
            for (CategoricalColumn g : rows.groups()) {
                b.append(',').append(text(g, i));
            }
            if (classes.size() > 2) {
                for (double v : p.probabilities()[i]) {
                    b.append(',').append(v);
                }
            }
            b.append('\n');
        }
        AtomicFiles.writeString(out, b.toString());
    }

    private static String text(CategoricalColumn c, int row) {
        return c.isMissing(row) ? "" : PredictionsCsv.field(c.level(row));
    }

    /** Accuracy over the rows with a label; a class the model does not know counts as a wrong prediction. */
    private static String accuracy(ModelCard card, CategoricalColumn label, Predictions p) {
        int labelled = 0;
        int right = 0;
        for (int i = 0; i < label.size(); i++) {
            if (!label.isMissing(i)) {
                labelled++;
                right += label.level(i).equals(card.classes().get(p.classes()[i])) ? 1 : 0;
            }
        }
        if (labelled == 0) {
            return "no row has a label in column '" + card.label() + "'";
        }
        return String.format(Locale.ROOT, "accuracy %.4f on the %d rows with a label in column '%s'",
                (double) right / labelled, labelled, card.label());
    }
}
