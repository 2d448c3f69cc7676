package org.equitrain.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.equitrain.data.Dataset;
import org.equitrain.fairness.Predictions;
import org.equitrain.io.AtomicFiles;

/**
 * {@code predictions.csv} of {@code equitrain train}: one line per test row with its row id (its 0-based data row in
 * the file as read), the true class (the label column's name), the predicted class ({@code predicted}), the
 * probability of the favourable class ({@code score}) and each group column; classes are 0-based indices into the
 * class names of {@code results.json}. The header is what {@code equitrain audit} reads: see {@link #auditArguments}.
 * A fixed column name that clashes with a data column gets a trailing underscore.
 */
record PredictionsCsv(String rowId, String label, String predicted, String score, List<String> groups) {

    static PredictionsCsv columns(String label, List<String> groups) {
        List<String> taken = new ArrayList<>(groups);
        taken.add(label);
        return new PredictionsCsv(free("row_id", taken), label, free("predicted", taken), free("score", taken),
                groups);
    }

    /** {@code name}, with trailing underscores until it is none of {@code taken}, to which it is added. */
    static String free(String name, List<String> taken) {
        String n = name;
        while (taken.contains(n)) {
            n += "_";
        }
        taken.add(n);
        return n;
    }

    /** Writes the rows of {@code test} with their predictions (atomically). */
    void write(Path file, Dataset test, Predictions p, int favourable) throws IOException {
        StringBuilder b = new StringBuilder();
        List<String> header = new ArrayList<>(List.of(rowId, label, predicted, score));
        header.addAll(groups);
        b.append(String.join(",", header.stream().map(PredictionsCsv::field).toList())).append('\n');
        int[] ids = test.rowIds();
        double[] s = p.probability(favourable);
        for (int i = 0; i < test.size(); i++) {
            b.append(ids[i]).append(',').append(test.label(i)).append(',').append(p.classes()[i]).append(',')
                    .append(s[i]);
            for (String g : groups) {
                b.append(',').append(field(test.group(g).level(i)));
            }
            b.append('\n');
        }
        AtomicFiles.writeString(file, b.toString());
    }

    /** The arguments of an {@code equitrain audit} of {@code file} that reproduces the train's audit. */
    List<String> auditArguments(Path file, int favourable) {
        return List.of("audit", "--data", file.toString(), "--label", label, "--pred", predicted, "--score", score,
                "--group", String.join(",", groups), "--favourable", Integer.toString(favourable));
    }

    /** A CSV field, quoted when it holds a comma, quote, line break or edge space (RFC 4180). */
    static String field(String v) {
        boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                || !v.equals(v.strip());
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
