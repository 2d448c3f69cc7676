package org.equitrain.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.equitrain.tensor.Tensor;

/**
 * The table columns a model trained on an encoded table reads, and how to turn a new table into its feature matrix
 * exactly as the training rows were: each source column in training order, either numeric (standardised by the
 * training mean and sd, plus a 0/1 missing-value indicator when training had one) or categorical (one 0/1 feature
 * per training level, plus an "NA" level when training had missing values). A plain tree of records, so it
 * serialises to JSON as it is; {@code equitrain train} stores it beside the model for {@code equitrain predict}.
 *
 * <pre>{@code
 * FeatureSchema schema = FeatureSchema.of(train.featureInfo(), Standardizer.fit(train)).orElseThrow();
 * Tensor x = schema.encode(newTable);   // standardised, columns in the training order
 * }</pre>
 */
public record FeatureSchema(List<Input> inputs) {
    /** How one source column was encoded. */
    public enum Kind {
        /** A numeric column: a standardised value, plus a missing-value indicator when {@code missing}. */
        NUMERIC,
        /** A categorical column: one 0/1 feature per level, plus an "NA" level when {@code missing}. */
        CATEGORICAL
    }

    /**
     * One source column: {@code levels} (categorical) in feature order; {@code missing} whether training encoded
     * missing values (an indicator feature, or an "NA" level) so that a missing value is readable; {@code mean} and
     * {@code sd} the training statistics of a numeric column (0 and 1 when it was not rescaled).
     */
    public record Input(String column, Kind kind, List<String> levels, boolean missing, double mean, double sd) {
        /** Copies {@code levels}. */
        public Input {
            levels = List.copyOf(levels);
        }

        /** The features this column becomes, as {@link TableEncoder} names them. */
        List<Feature> features() {
            List<Feature> out = new ArrayList<>();
            if (kind == Kind.NUMERIC) {
                out.add(new Feature(column, column, Feature.Kind.NUMERIC));
                if (missing) {
                    out.add(new Feature(column + ":NA", column, Feature.Kind.INDICATOR));
                }
                return out;
            }
            for (String level : levels) {
                out.add(new Feature(column + "=" + level, column, Feature.Kind.INDICATOR));
            }
            if (missing) {
                out.add(new Feature(column + "=NA", column, Feature.Kind.INDICATOR));
            }
            return out;
        }
    }

    /** Copies {@code inputs}. */
    public FeatureSchema {
        inputs = List.copyOf(inputs);
    }

    /**
     * The schema of features encoded by {@link TableEncoder} and rescaled by {@code standardizer} (fitted on them);
     * empty when they are not table columns (image pixels, or features built some other way).
     */
    public static Optional<FeatureSchema> of(List<Feature> features, Standardizer standardizer) {
        double[] mean = standardizer.means();
        double[] sd = standardizer.sds();
        List<Input> inputs = new ArrayList<>();
        int j = 0;
        while (j < features.size()) {
            String source = features.get(j).source();
            int end = j;
            while (end < features.size() && features.get(end).source().equals(source)) {
                end++;
            }
            List<Feature> run = features.subList(j, end);
            Input in = run.get(0).kind() == Feature.Kind.NUMERIC
                    ? new Input(source, Kind.NUMERIC, List.of(), run.size() == 2, mean[j], sd[j])
                    : categorical(source, run);
            if (!in.features().equals(run) || !onlyFirstRescaled(in, mean, sd, j, end)) {
                return Optional.empty();
            }
            inputs.add(in);
            j = end;
        }
        return Optional.of(new FeatureSchema(inputs));
    }

    /** Whether, of features {@code j..end}, at most a numeric column's value is rescaled (not its indicators). */
    private static boolean onlyFirstRescaled(Input in, double[] mean, double[] sd, int j, int end) {
        for (int k = in.kind() == Kind.NUMERIC ? j + 1 : j; k < end; k++) {
            if (mean[k] != 0 || sd[k] != 1) {
                return false;
            }
        }
        return true;
    }

    /** A run of one-hot features {@code source=level}; a last level "NA" is the missing-value level. */
    private static Input categorical(String source, List<Feature> run) {
        List<String> levels = new ArrayList<>();
        for (Feature f : run) {
            levels.add(f.name().startsWith(source + "=") ? f.name().substring(source.length() + 1) : f.name());
        }
        boolean missing = levels.get(levels.size() - 1).equals("NA");
        return new Input(source, Kind.CATEGORICAL, missing ? levels.subList(0, levels.size() - 1) : levels, missing,
                0, 1);
    }

    /** The features, in the order the model reads them. */
    public List<Feature> features() {
        List<Feature> out = new ArrayList<>();
        inputs.forEach(in -> out.addAll(in.features()));
        return out;
    }

    /**
     * The standardised feature matrix [rows, features] of {@code table}. A missing column, a column of the wrong
     * type, a level not seen in training or a missing value training had none of is an error naming the table, the
     * column, the 0-based data row and what was expected.
     */
    public Tensor encode(Table table) {
        int n = table.rows();
        int d = features().size();
        double[] x = new double[n * d];
        int j = 0;
        for (Input in : inputs) {
            if (!table.has(in.column())) {
                throw new IllegalArgumentException(table.name() + " has no column '" + in.column() + "', which the "
                        + "model reads (it reads " + String.join(", ", inputs.stream().map(Input::column).toList())
                        + "); its columns are " + String.join(", ", table.names()));
            }
            Column c = table.column(in.column());
            for (int i = 0; i < n; i++) {
                if (c.isMissing(i) && !in.missing()) {
                    throw new IllegalArgumentException(table.name() + ", data row " + i + ", column '" + in.column()
                            + "': a missing value, but the model was trained without missing values there");
                }
            }
            if (in.kind() == Kind.NUMERIC) {
                encodeNumeric(table, in, c, x, j, d);
            } else {
                encodeCategorical(table, in, c, x, j, d);
            }
            j += in.features().size();
        }
        return Tensor.wrap(x, n, d);
    }

    /**
     * The standardised feature matrix of an encoded dataset (e.g. a registered one) that has every feature of this
     * schema, selected by name; a categorical column must have exactly the training levels, so that no row is
     * silently encoded as none of them. An error names the dataset and the feature.
     */
    public Tensor encode(Dataset data) {
        List<Feature> want = features();
        List<Feature> have = data.featureInfo();
        int d = want.size();
        int[] from = new int[d];
        double[] mean = new double[d];
        double[] sd = new double[d];
        Input[] input = new Input[d];
        int j = 0;
        for (Input in : inputs) {
            List<Feature> own = have.stream().filter(f -> f.source().equals(in.column())).toList();
            if (in.kind() == Kind.CATEGORICAL && !own.equals(in.features())) {
                throw new IllegalArgumentException("dataset '" + data.name() + "': column '" + in.column() + "' has "
                        + "the features " + own.stream().map(Feature::name).toList() + ", the model was trained on "
                        + in.features().stream().map(Feature::name).toList());
            }
            for (Feature f : in.features()) {
                from[j] = have.indexOf(f);
                if (from[j] < 0) {
                    throw new IllegalArgumentException("dataset '" + data.name() + "' has no feature '" + f.name()
                            + "', which the model reads");
                }
                boolean value = f.kind() == Feature.Kind.NUMERIC;
                mean[j] = value ? in.mean() : 0;
                sd[j] = value ? in.sd() : 1;
                input[j] = in;
                j++;
            }
        }
        int n = data.size();
        int width = have.size();
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                double v = data.features().getFlat(i * width + from[k]);
                if (Double.isNaN(v) && !input[k].missing()) {
                    throw new IllegalArgumentException("dataset '" + data.name() + "', row " + i + ", column '"
                            + input[k].column() + "': a missing value, but the model was trained without missing "
                            + "values there");
                }
                x[i * d + k] = Double.isNaN(v) ? 0 : (v - mean[k]) / sd[k];
            }
        }
        return Tensor.wrap(x, n, d);
    }

    /** z = (x − mean) / sd (a missing value: 0, the training mean, and indicator 1), as {@link Standardizer}. */
    private static void encodeNumeric(Table table, Input in, Column c, double[] x, int j, int d) {
        if (!(c instanceof NumericColumn num)) {
            throw new IllegalArgumentException(table.name() + ", column '" + in.column() + "': expected numbers, "
                    + "as in training, but the column holds text");
        }
        for (int i = 0; i < num.size(); i++) {
            boolean missing = num.isMissing(i);
            x[i * d + j] = missing ? 0 : (num.get(i) - in.mean()) / in.sd();
            if (in.missing()) {
                x[i * d + j + 1] = missing ? 1 : 0;
            }
        }
    }

    private static void encodeCategorical(Table table, Input in, Column c, double[] x, int j, int d) {
        if (!(c instanceof CategoricalColumn cat)) {
            throw new IllegalArgumentException(table.name() + ", column '" + in.column() + "': expected the "
                    + "categories " + String.join(", ", in.levels()) + ", as in training, but the column holds numbers"
                    + " (read it as categorical)");
        }
        int[] feature = new int[cat.levelCount()];
        for (int k = 0; k < feature.length; k++) {
            feature[k] = in.levels().indexOf(cat.levels().get(k));
        }
        for (int i = 0; i < cat.size(); i++) {
            int code = cat.code(i);
            if (code < 0) {
                x[i * d + j + in.levels().size()] = 1;
            } else if (feature[code] < 0) {
                throw new IllegalArgumentException(table.name() + ", data row " + i + ", column '" + in.column()
                        + "': '" + cat.level(i) + "' is not one of the levels seen in training: "
                        + String.join(", ", in.levels()));
            } else {
                x[i * d + j + feature[code]] = 1;
            }
        }
    }
}
