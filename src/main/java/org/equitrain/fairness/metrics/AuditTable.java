package org.equitrain.fairness.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Table;
import org.equitrain.data.readers.CsvReader;
import org.equitrain.data.readers.DataFormatException;

/**
 * Reads the CSV file {@code equitrain audit} audits into a {@link FrameInput}, through the shared {@link CsvReader}:
 * the label and prediction columns hold class indices or class names ({@link ClassLabels}), the score and weight
 * columns are forced numeric, and all are checked row by row (class labels, probabilities, weights); the group
 * columns are categorical. A bad value, and a prediction written otherwise than the labels (a name where the labels
 * are class indices, or the reverse), is a {@link DataFormatException} naming the file, line, column and what was
 * expected.
 */
public final class AuditTable {
    private AuditTable() {
    }

    /** The columns an audit reads, by role; {@code score} and {@code weight} may be null. */
    public record Columns(String label, String prediction, String score, String weight, List<String> groups) {
        /** Requires {@code label} and {@code prediction}; copies {@code groups}. */
        public Columns {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(prediction, "prediction");
            groups = List.copyOf(groups);
        }

        /** All named columns, in role order. */
        public List<String> all() {
            List<String> out = new ArrayList<>(List.of(label, prediction));
            if (score != null) {
                out.add(score);
            }
            if (weight != null) {
                out.add(weight);
            }
            out.addAll(groups);
            return out;
        }
    }

    /**
     * Reads {@code file}; {@code favourable} is a class index or name, null for the default of
     * {@link ClassLabels#of}. A missing group value is an error unless {@code naAsGroup}, when it is the group
     * {@link GroupIndex#NA_LEVEL}.
     */
    public static FrameInput read(Path file, Columns columns, String favourable, boolean naAsGroup)
            throws IOException {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("data file '" + file + "' is a folder, not a CSV file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("data file '" + file + "' does not exist");
        }
        CsvReader reader = new CsvReader()
                .categorical(columns.label(), columns.prediction())
                .require(columns.label(), ClassLabels.EXPECTED, ClassLabels::isLabel)
                .require(columns.prediction(), ClassLabels.EXPECTED, ClassLabels::isLabel)
                .categorical(columns.groups().toArray(String[]::new));
        if (columns.score() != null) {
            reader.numeric(columns.score()).require(columns.score(), "a probability in [0, 1]",
                    s -> number(s) >= 0 && number(s) <= 1);
        }
        if (columns.weight() != null) {
            reader.numeric(columns.weight()).require(columns.weight(), "a finite non-negative weight",
                    s -> number(s) >= 0 && number(s) < Double.POSITIVE_INFINITY);
        }
        if (!naAsGroup) {
            for (String g : columns.groups()) {
                reader.require(g, "a group (use --na-as-group to make missing values a group)", Objects::nonNull);
            }
        }
        Table table = reader.read(file);
        for (String c : columns.all()) {
            if (!table.has(c)) {
                throw new IllegalArgumentException("column '" + c + "' not found in " + file + "; its columns are "
                        + String.join(", ", table.names()));
            }
        }
        CategoricalColumn labels = table.categorical(columns.label());
        CategoricalColumn predictions = table.categorical(columns.prediction());
        ClassLabels.Expectation mixed = ClassLabels.mixedEncoding(labels, predictions);
        if (mixed != null) {
            throw mixedEncoding(file, reader, columns.prediction(), mixed);
        }
        ClassLabels classes = ClassLabels.of(labels, predictions, favourable);
        FrameInput.Builder b = FrameInput.builder()
                .yTrue(classes.yTrue)
                .yPred(classes.yPred)
                .favourable(classes.favourable)
                .naAsGroup(naAsGroup);
        if (classes.names != null) {
            b.classNames(classes.names);
        }
        if (columns.score() != null) {
            b.scores(table.numeric(columns.score()).values());
        }
        if (columns.weight() != null) {
            b.weights(table.numeric(columns.weight()).values());
        }
        for (String g : columns.groups()) {
            b.sensitive(g, table.categorical(g).values());
        }
        return b.build();
    }

    /**
     * The error at the first prediction written otherwise than the labels, found by reading the file again with the
     * prediction column required to be {@code mixed}: the encoding is known only after the last row, the line of a
     * row only while reading.
     */
    private static DataFormatException mixedEncoding(Path file, CsvReader reader, String column,
            ClassLabels.Expectation mixed) throws IOException {
        try {
            reader.require(column, mixed.expected(), mixed.test()).read(file);
        } catch (DataFormatException e) {
            return DataFormatException.at(e.file(), e.line(), e.column(), mixed.expected(),
                    e.found() + " in column '" + column + "'");
        }
        throw new IllegalStateException("column '" + column + "' of " + file + " changed between two readings");
    }

    /** The value of a field CsvReader accepted as numeric; NaN when missing or spelled as R does ("Inf"). */
    private static double number(String s) {
        if (s == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
