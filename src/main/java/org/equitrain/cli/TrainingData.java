package org.equitrain.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Column;
import org.equitrain.data.Dataset;
import org.equitrain.data.Feature;
import org.equitrain.data.Split;
import org.equitrain.data.StratifiedSplit;
import org.equitrain.data.Table;
import org.equitrain.data.TableEncoder;
import org.equitrain.data.readers.CsvReader;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.tensor.Tensor;

/**
 * The dataset {@code equitrain train} fits: a registered dataset or a CSV file, with the {@code --label},
 * {@code --group}, {@code --favourable}, {@code --exclude} and {@code --categorical} columns the user named, checked
 * so that a wrong column is an error naming the option: a label needs two or more classes, a group column two or
 * more values, and neither may be a column of non-integer numbers (a feature, not a set of classes or groups).
 * Several group columns are trained on as one intersectional group (fairness-metrics.md §1) named
 * {@link #groupColumn()}.
 */
record TrainingData(Dataset dataset, List<String> groups, String groupColumn) {

    /** Loads and checks {@code data} (a registered name or a CSV file). */
    static TrainingData load(String data, String label, List<String> groups, String favourable, List<String> exclude,
            List<String> categorical) throws IOException {
        for (String g : groups) {
            if (g.equals(label)) {
                throw new IllegalArgumentException("--group " + g + " is also the --label column: the protected "
                        + "attribute must be another column");
            }
        }
        if (new HashSet<>(groups).size() < groups.size()) {
            throw new IllegalArgumentException("--group " + String.join(",", groups) + " names a column twice");
        }
        Path file = Path.of(data);
        if (!categorical.isEmpty() && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--categorical applies only to a CSV file; dataset '" + data
                    + "' has its column types already");
        }
        Dataset d = Files.isRegularFile(file) ? fromCsv(file, label, groups, favourable, exclude, categorical)
                : fromRegistry(data, label, groups, favourable, exclude);
        requireTwoLevels("--label", d.labelColumn(), "class", "training needs rows of at least two classes");
        for (String g : groups) {
            requireTwoLevels("--group", d.group(g), "value", "a fairness comparison needs at least two groups");
        }
        Notices.droppedRows("train", d);
        if (groups.size() == 1) {
            return new TrainingData(d, List.copyOf(groups), groups.get(0));
        }
        String joined = String.join(",", groups);
        return new TrainingData(d.withIntersectedGroup(joined, groups.toArray(String[]::new)), List.copyOf(groups),
                joined);
    }

    /**
     * The seeded train / held-out / test split stratified by (label, group), not yet standardised. Every group must
     * have rows in the training and test parts and, when {@code heldOutFor} names the method that reads it, in the
     * held-out part.
     */
    Split split(double testFrac, double heldOutFrac, long seed, String heldOutFor) {
        Split s = StratifiedSplit.of(dataset, 1 - heldOutFrac - testFrac, heldOutFrac, seed);
        int[] all = dataset.group(groupColumn).counts();
        requireEveryGroup(s.train(), all, "training", "lower --test-frac or --heldout-frac");
        requireEveryGroup(s.test(), all, "test", "use a larger --test-frac");
        if (heldOutFor != null) {
            requireEveryGroup(s.heldOut(), all, "held-out (read by --method " + heldOutFor + ")",
                    "use a larger --heldout-frac");
        }
        return s;
    }

    private void requireEveryGroup(Dataset part, int[] all, String partName, String remedy) {
        if (part.size() == 0) {
            throw new IllegalArgumentException("the " + partName + " part of the " + dataset.size() + " rows is "
                    + "empty: " + remedy);
        }
        int[] counts = part.group(groupColumn).counts();
        for (int k = 0; k < all.length; k++) {
            if (all[k] > 0 && counts[k] == 0) {
                throw new IllegalArgumentException("--group " + groupColumn + ": group '" + dataset.group(groupColumn)
                        .levels().get(k) + "' (" + all[k] + " rows) has no rows in the " + partName + " part; "
                        + remedy + ", or merge small groups");
            }
        }
    }

    private static Dataset fromCsv(Path file, String label, List<String> groups, String favourable,
            List<String> exclude, List<String> categorical) throws IOException {
        List<String> forced = new ArrayList<>(groups);
        forced.add(label);
        forced.addAll(categorical);
        Table t = new CsvReader().categorical(forced.toArray(String[]::new)).read(file);
        String name = file.getFileName().toString();
        categorical.forEach(c -> requireColumn(t, "--categorical", c, name));
        requireColumn(t, "--label", label, name);
        groups.forEach(g -> requireColumn(t, "--group", g, name));
        exclude.forEach(c -> requireColumn(t, "--exclude", c, name));
        requireValues(t, label, groups, exclude, name);
        requireCategories("--label", t.categorical(label), "class labels");
        groups.forEach(g -> requireCategories("--group", t.categorical(g), "group names"));
        TableEncoder enc = new TableEncoder(t).label(label);
        groups.forEach(enc::group);
        enc.exclude(exclude.toArray(String[]::new));
        if (favourable != null) {
            enc.favourable(favourableLevel(t.categorical(label), favourable, "'" + name + "'"));
        }
        return enc.encode(name);
    }

    private static Dataset fromRegistry(String data, String label, List<String> groups, String favourable,
            List<String> exclude) throws IOException {
        Dataset d = DatasetRegistry.standard().load(data);
        if (!d.labelColumn().name().equals(label)) {
            throw new IllegalArgumentException("--label " + label + ": dataset '" + data + "' has label column '"
                    + d.labelColumn().name() + "'");
        }
        for (String g : groups) {
            if (!d.groupNames().contains(g)) {
                throw new IllegalArgumentException("--group " + g + ": dataset '" + data + "' has no group column '"
                        + g + "'; its group columns are " + String.join(", ", d.groupNames()));
            }
        }
        if (favourable != null) {
            d = d.toBuilder().favourableClass(d.classNames().indexOf(favourableLevel(d.labelColumn(), favourable,
                    "dataset '" + data + "'"))).build();
        }
        return exclude.isEmpty() ? d : withoutFeatureColumns(d, exclude);
    }

    /** {@code d} without the features encoded from the columns {@code exclude} (one-hot features included). */
    private static Dataset withoutFeatureColumns(Dataset d, List<String> exclude) {
        List<String> sources = d.featureInfo().stream().map(Feature::source).distinct().toList();
        for (String c : exclude) {
            if (!sources.contains(c)) {
                throw new IllegalArgumentException("--exclude " + c + ": dataset '" + d.name() + "' has no feature "
                        + "column '" + c + "'; its feature columns are " + String.join(", ", sources));
            }
        }
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < d.featureCount(); j++) {
            if (!exclude.contains(d.featureInfo().get(j).source())) {
                keep.add(j);
            }
        }
        int n = d.size();
        int width = d.featureCount();
        double[] x = new double[n * keep.size()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < keep.size(); k++) {
                x[i * keep.size() + k] = d.features().getFlat(i * width + keep.get(k));
            }
        }
        return d.withFeatures(Tensor.wrap(x, n, keep.size()), keep.stream().map(d.featureInfo()::get).toList(),
                "excluded feature columns " + exclude);
    }

    private static void requireColumn(Table t, String option, String column, String file) {
        if (!t.has(column)) {
            throw new IllegalArgumentException(option + " " + column + ": " + file + " has no column '" + column
                    + "'; its columns are " + String.join(", ", t.names()));
        }
    }

    /**
     * Every column train reads has a value somewhere: with rows that have a missing value dropped, one column of
     * missing values alone would drop them all and leave no rows.
     */
    private static void requireValues(Table t, String label, List<String> groups, List<String> exclude,
            String file) {
        for (Column c : t.columns()) {
            if (c.missingCount() < t.rows() || exclude.contains(c.name())) {
                continue;
            }
            String option = c.name().equals(label) ? "--label " + c.name() + ": "
                    : groups.contains(c.name()) ? "--group " + c.name() + ": " : "";
            throw new IllegalArgumentException(option + "column '" + c.name() + "' of " + file + " has no values "
                    + "(every cell is missing)" + (option.isEmpty() ? "; --exclude " + c.name()
                    + " trains without it" : ""));
        }
    }

    /** A column of non-integer numbers (e.g. a measurement) is not a set of classes or groups. */
    private static void requireCategories(String option, CategoricalColumn c, String what) {
        String fraction = null;
        for (String level : c.levels()) {
            try {
                double v = Double.parseDouble(level);
                fraction = v != Math.rint(v) && fraction == null ? level : fraction;
            } catch (NumberFormatException e) {
                return;
            }
        }
        if (fraction != null) {
            throw new IllegalArgumentException(option + " " + c.name() + ": column '" + c.name() + "' holds "
                    + "non-integer numbers such as " + fraction + ", not " + what);
        }
    }

    private static String favourableLevel(CategoricalColumn label, String favourable, String where) {
        if (!label.levels().contains(favourable)) {
            throw new IllegalArgumentException("--favourable " + favourable + ": the label column '" + label.name()
                    + "' of " + where + " has no class '" + favourable + "'; its classes are "
                    + String.join(", ", label.levels()));
        }
        return favourable;
    }

    private static void requireTwoLevels(String option, CategoricalColumn c, String what, String why) {
        int[] counts = c.counts();
        int present = 0;
        int only = -1;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                present++;
                only = k;
            }
        }
        if (present < 2) {
            throw new IllegalArgumentException(option + " " + c.name() + ": every row has the " + what + " '"
                    + (only < 0 ? "" : c.levels().get(only)) + "'; " + why);
        }
    }
}
