package org.equitrain.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.equitrain.tensor.Tensor;

/**
 * Encodes a {@link Table} into a {@link Dataset}: one categorical label column, categorical group columns, an optional
 * numeric target, and every other column as features: numeric columns as they are, categorical columns one-hot
 * (one 0/1 feature per level, named {@code column=level}). Group columns, the label and the target are not features
 * unless {@link #groupsAsFeatures} is set; {@link #exclude} removes more (e.g. the column a label was derived from).
 * Missing values follow the {@link NaPolicy} (default {@link NaPolicy#DROP_ROWS}).
 *
 * <pre>{@code
 * Dataset d = new TableEncoder(table).label("released").group("colour").group("sex").encode("arrests");
 * }</pre>
 */
public final class TableEncoder {
    private final Table table;
    private String label;
    private final List<String> groups = new ArrayList<>();
    private String target;
    private final Set<String> excluded = new LinkedHashSet<>();
    private boolean groupsAsFeatures;
    private NaPolicy naPolicy = NaPolicy.DROP_ROWS;
    private String favourable;
    private Provenance provenance;

    /** An encoder for {@code table}; choose at least the {@link #label} column, then {@link #encode}. */
    public TableEncoder(Table table) {
        this.table = table;
    }

    /** The categorical label column. */
    public TableEncoder label(String column) {
        table.categorical(column);
        this.label = column;
        return this;
    }

    /** The class name that is the favourable outcome (default: class index 1). */
    public TableEncoder favourable(String className) {
        this.favourable = className;
        return this;
    }

    /** Adds a categorical protected-attribute column. */
    public TableEncoder group(String column) {
        table.categorical(column);
        groups.add(column);
        return this;
    }

    /** A numeric regression target column (not a feature). */
    public TableEncoder target(String column) {
        table.numeric(column);
        this.target = column;
        return this;
    }

    /** Columns that are not features. */
    public TableEncoder exclude(String... columns) {
        for (String c : columns) {
            table.column(c);
            excluded.add(c);
        }
        return this;
    }

    /** Whether group columns are also encoded as features (default false). */
    public TableEncoder groupsAsFeatures(boolean yes) {
        this.groupsAsFeatures = yes;
        return this;
    }

    /** What to do with missing values (default {@link NaPolicy#DROP_ROWS}). */
    public TableEncoder naPolicy(NaPolicy policy) {
        this.naPolicy = policy;
        return this;
    }

    /** The provenance of the table (default {@link Provenance#inMemory(int)} with its row count). */
    public TableEncoder provenance(Provenance p) {
        this.provenance = p;
        return this;
    }

    /** Builds the dataset. */
    public Dataset encode(String name) {
        if (label == null) {
            throw new IllegalStateException("table '" + table.name() + "': no label column chosen");
        }
        List<Column> featureCols = new ArrayList<>();
        for (Column c : table.columns()) {
            String n = c.name();
            boolean isGroup = groups.contains(n);
            if (!n.equals(label) && !n.equals(target) && !excluded.contains(n) && (!isGroup || groupsAsFeatures)) {
                featureCols.add(c);
            }
        }
        List<Column> required = new ArrayList<>();
        required.add(table.column(label));
        groups.forEach(g -> required.add(table.column(g)));
        if (target != null) {
            required.add(table.column(target));
        }
        if (naPolicy == NaPolicy.DROP_ROWS) {
            required.addAll(featureCols);
        }
        int[] rows = IntStream.range(0, table.rows()).filter(i -> required.stream().noneMatch(c -> c.isMissing(i)))
                .toArray();
        Table t = table.select(rows);
        Provenance p = provenance != null ? provenance : Provenance.inMemory(table.rows());
        if (rows.length < table.rows()) {
            p = p.then("dropped " + (table.rows() - rows.length) + " of " + table.rows() + " rows for a missing value "
                    + "in a used column (" + naPolicy + ")");
        }
        List<Feature> info = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        for (Column c : featureCols) {
            encodeFeature(t.column(c.name()), info, cols);
        }
        int n = t.rows();
        int d = cols.size();
        double[] x = new double[n * d];
        for (int j = 0; j < d; j++) {
            double[] col = cols.get(j);
            for (int i = 0; i < n; i++) {
                x[i * d + j] = col[i];
            }
        }
        CategoricalColumn y = t.categorical(label);
        DatasetBuilder b = Dataset.builder(name).features(Tensor.wrap(x, n, d), info).labels(y).provenance(p)
                .rowIds(rows);
        if (favourable != null) {
            b.favourableClass(y.levelIndex(favourable));
        }
        for (String g : groups) {
            b.group(t.categorical(g));
        }
        if (target != null) {
            b.target(t.numeric(target).values());
        }
        return b.build();
    }

    private void encodeFeature(Column c, List<Feature> info, List<double[]> cols) {
        int n = c.size();
        boolean anyMissing = c.missingCount() > 0;
        if (c instanceof NumericColumn num) {
            info.add(new Feature(c.name(), c.name(), Feature.Kind.NUMERIC));
            cols.add(num.values());
            if (anyMissing) {
                double[] ind = new double[n];
                for (int i = 0; i < n; i++) {
                    ind[i] = num.isMissing(i) ? 1 : 0;
                }
                info.add(new Feature(c.name() + ":NA", c.name(), Feature.Kind.INDICATOR));
                cols.add(ind);
            }
            return;
        }
        CategoricalColumn cat = (CategoricalColumn) c;
        List<String> levels = new ArrayList<>(cat.levels());
        if (anyMissing) {
            levels.add("NA");
        }
        for (int k = 0; k < levels.size(); k++) {
            int code = k < cat.levelCount() ? k : -1;
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = cat.code(i) == code ? 1 : 0;
            }
            info.add(new Feature(c.name() + "=" + levels.get(k), c.name(), Feature.Kind.INDICATOR));
            cols.add(v);
        }
    }
}
