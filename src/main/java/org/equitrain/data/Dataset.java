package org.equitrain.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.tensor.Permutations;
import org.equitrain.tensor.Tensor;

/**
 * An immutable supervised dataset: a feature matrix [N, d] (images are stored flat and reshaped on demand by
 * {@link #images()}), integer class labels with class names, named protected-attribute ("group") columns as integer
 * codes with level names, an optional numeric regression target, and provenance. Each row also remembers its index in
 * the data as read ({@link #rowIds()}) and whether its label was corrupted ({@link #isCorrupted(int)}).
 *
 * <p>Operations return new datasets: {@link #select}, {@link #split}, {@link #minibatches}, {@link #subsampleClass},
 * {@link #subsampleGroup}, {@link #corruptLabels}, {@link #withIntersectedGroup}.
 */
public final class Dataset {
    private final String name;
    private final Tensor features;
    private final int[] sampleShape;
    private final List<Feature> featureInfo;
    private final CategoricalColumn labels;
    private final Map<String, CategoricalColumn> groups;
    private final double[] target;
    private final int favourableClass;
    private final int[] rowIds;
    private final boolean[] corrupted;
    private final int[] cleanLabels;
    private final Provenance provenance;

    Dataset(DatasetBuilder b) {
        if (b.features == null || b.labels == null) {
            throw new IllegalArgumentException("dataset '" + b.name + "' needs features and labels");
        }
        this.name = b.name;
        this.features = b.features;
        this.sampleShape = b.sampleShape != null ? b.sampleShape.clone() : new int[] {b.features.dim(1)};
        int n = features.dim(0);
        int d = features.dim(1);
        if (Arrays.stream(sampleShape).reduce(1, (x, y) -> x * y) != d) {
            throw new IllegalArgumentException("dataset '" + name + "': sample shape " + Arrays.toString(sampleShape)
                    + " does not hold " + d + " features");
        }
        this.featureInfo = b.featureInfo != null ? List.copyOf(b.featureInfo) : pixelFeatures(d);
        if (featureInfo.size() != d) {
            throw new IllegalArgumentException("dataset '" + name + "': " + featureInfo.size()
                    + " feature descriptions for " + d + " features");
        }
        this.labels = requireComplete("label", b.labels, n);
        this.groups = new LinkedHashMap<>();
        for (CategoricalColumn g : b.groups.values()) {
            groups.put(g.name(), requireComplete("group", g, n));
        }
        if (b.target != null && b.target.length != n) {
            throw new IllegalArgumentException("dataset '" + name + "': target has " + b.target.length + " rows, "
                    + "features have " + n);
        }
        this.target = b.target;
        this.favourableClass = b.favourableClass;
        if (favourableClass < 0 || favourableClass >= Math.max(2, labels.levelCount())) {
            throw new IllegalArgumentException("dataset '" + name + "': favourable class " + favourableClass
                    + " is not one of the classes " + labels.levels());
        }
        this.rowIds = b.rowIds != null ? b.rowIds : Permutations.identity(n);
        this.corrupted = b.corrupted;
        this.cleanLabels = b.cleanLabels;
        if (rowIds.length != n || (corrupted != null && corrupted.length != n)
                || (cleanLabels != null && cleanLabels.length != n)) {
            throw new IllegalArgumentException("dataset '" + name + "': row bookkeeping does not match " + n + " rows");
        }
        this.provenance = b.provenance != null ? b.provenance : Provenance.inMemory(n);
    }

    private CategoricalColumn requireComplete(String what, CategoricalColumn c, int n) {
        if (c.size() != n) {
            throw new IllegalArgumentException("dataset '" + name + "': " + what + " column '" + c.name() + "' has "
                    + c.size() + " rows, features have " + n);
        }
        for (int i = 0; i < n; i++) {
            if (c.isMissing(i)) {
                throw new IllegalArgumentException("dataset '" + name + "': " + what + " column '" + c.name()
                        + "' is missing at row " + i + " (drop or recode missing rows first)");
            }
        }
        return c;
    }

    private static List<Feature> pixelFeatures(int d) {
        List<Feature> out = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            out.add(new Feature("pixel" + j, "image", Feature.Kind.PIXEL));
        }
        return out;
    }

    /** A builder for a new dataset called {@code name}; features and labels are required. */
    public static DatasetBuilder builder(String name) {
        return new DatasetBuilder(name);
    }

    /** A builder holding this dataset's parts, to derive a modified copy. */
    public DatasetBuilder toBuilder() {
        DatasetBuilder b = new DatasetBuilder(name);
        b.features = features;
        b.sampleShape = sampleShape;
        b.featureInfo = featureInfo;
        b.labels = labels;
        b.groups.putAll(groups);
        b.target = target;
        b.favourableClass = favourableClass;
        b.rowIds = rowIds;
        b.corrupted = corrupted;
        b.cleanLabels = cleanLabels;
        b.provenance = provenance;
        return b;
    }

    // ---- accessors ----

    /** The dataset's name. */
    public String name() {
        return name;
    }

    /** Number of rows N. */
    public int size() {
        return features.dim(0);
    }

    /** Number of features d. */
    public int featureCount() {
        return features.dim(1);
    }

    /** The feature matrix [N, d] (shared storage: do not modify). */
    public Tensor features() {
        return features;
    }

    /** The features reshaped to [N, sampleShape...], e.g. [N, 1, 28, 28] for MNIST (shared storage). */
    public Tensor images() {
        int[] dims = new int[sampleShape.length + 1];
        dims[0] = size();
        System.arraycopy(sampleShape, 0, dims, 1, sampleShape.length);
        return features.reshape(dims);
    }

    /** The shape of one sample, e.g. {@code [1, 28, 28]} for MNIST or {@code [d]} for tabular data (a copy). */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** One description per feature column, in column order (unmodifiable). */
    public List<Feature> featureInfo() {
        return featureInfo;
    }

    /** Class labels 0..K-1 (a copy). */
    public int[] labels() {
        return labels.codes();
    }

    /** The class label of {@code row}, in 0..K-1. */
    public int label(int row) {
        return labels.code(row);
    }

    /** The label column (its name and class names). */
    public CategoricalColumn labelColumn() {
        return labels;
    }

    /** The class names, indexed by label (unmodifiable). */
    public List<String> classNames() {
        return labels.levels();
    }

    /** Number of classes K. */
    public int classCount() {
        return labels.levelCount();
    }

    /** The class that counts as the favourable outcome in fairness metrics (default 1). */
    public int favourableClass() {
        return favourableClass;
    }

    /** The names of the protected-attribute columns, in the order they were added (unmodifiable). */
    public List<String> groupNames() {
        return Collections.unmodifiableList(new ArrayList<>(groups.keySet()));
    }

    /** The protected-attribute column {@code column}; an error naming the available ones when absent. */
    public CategoricalColumn group(String column) {
        CategoricalColumn g = groups.get(column);
        if (g == null) {
            throw new IllegalArgumentException("dataset '" + name + "' has no group column '" + column
                    + "'; group columns: " + groups.keySet());
        }
        return g;
    }

    /** Whether the dataset has a regression target. */
    public boolean hasTarget() {
        return target != null;
    }

    /** The regression target (a copy); an error when the dataset has none. */
    public double[] target() {
        if (target == null) {
            throw new IllegalStateException("dataset '" + name + "' has no regression target");
        }
        return target.clone();
    }

    /** For each row, its index in the data as first built or read. */
    public int[] rowIds() {
        return rowIds.clone();
    }

    /** Whether {@link #corruptLabels} chose this row for corruption (its label may or may not have changed). */
    public boolean isCorrupted(int row) {
        return corrupted != null && corrupted[row];
    }

    /** Rows chosen for corruption, ascending. */
    public int[] corruptedRows() {
        if (corrupted == null) {
            return new int[0];
        }
        return java.util.stream.IntStream.range(0, size()).filter(i -> corrupted[i]).toArray();
    }

    /** The labels before any corruption (a copy; equal to {@link #labels()} for clean data). */
    public int[] cleanLabels() {
        return cleanLabels != null ? cleanLabels.clone() : labels();
    }

    /** Where the data came from and the steps applied since. */
    public Provenance provenance() {
        return provenance;
    }

    // ---- operations ----

    /** The rows {@code rows}, in that order (repeats allowed), with all their columns and bookkeeping. */
    public Dataset select(int[] rows) {
        int n = size();
        for (int r : rows) {
            if (r < 0 || r >= n) {
                throw new IndexOutOfBoundsException("dataset '" + name + "': row " + r + " outside 0.." + (n - 1));
            }
        }
        DatasetBuilder b = toBuilder();
        b.features = Rows.select(features, rows);
        b.labels = labels.select(rows);
        b.groups.replaceAll((k, g) -> g.select(rows));
        b.target = target == null ? null : Rows.pick(target, rows);
        b.rowIds = Rows.pick(rowIds, rows);
        if (corrupted != null) {
            b.corrupted = new boolean[rows.length];
            for (int i = 0; i < rows.length; i++) {
                b.corrupted[i] = corrupted[rows[i]];
            }
        }
        b.cleanLabels = cleanLabels == null ? null : Rows.pick(cleanLabels, rows);
        return b.build();
    }

    /**
     * A seeded train / held-out / test split stratified by (label, all group columns); the test part gets the rest.
     * See {@link StratifiedSplit}.
     */
    public Split split(double trainFraction, double heldOutFraction, long seed) {
        return StratifiedSplit.of(this, trainFraction, heldOutFraction, seed);
    }

    /** Seeded minibatch row indices over this dataset, reshuffled each epoch. */
    public Minibatches minibatches(int batchSize, long seed) {
        return new Minibatches(size(), batchSize, seed);
    }

    /** Keeps a seeded random fraction {@code keep} of the rows of class {@code classIndex}, all other rows. */
    public Dataset subsampleClass(int classIndex, double keep, long seed) {
        return Subsampling.keepFraction(this, i -> label(i) == classIndex, keep, seed,
                "keep " + keep + " of class " + classNames().get(classIndex) + " (seed " + seed + ")");
    }

    /** Keeps a seeded random fraction {@code keep} of the rows where group {@code column} is {@code level}. */
    public Dataset subsampleGroup(String column, String level, double keep, long seed) {
        CategoricalColumn g = group(column);
        int k = g.levelIndex(level);
        return Subsampling.keepFraction(this, i -> g.code(i) == k, keep, seed,
                "keep " + keep + " of " + column + "=" + level + " (seed " + seed + ")");
    }

    /**
     * Corrupts the labels of the rows where group {@code column} is {@code level} ({@code column == null}: all
     * rows); see {@link LabelCorruption}.
     */
    public Dataset corruptLabels(LabelCorruption corruption, String column, String level, long seed) {
        return corruption.apply(this, column, level, seed);
    }

    /** This dataset with one more group column: the intersection of {@code columns}; see {@link GroupIntersection}. */
    public Dataset withIntersectedGroup(String newName, String... columns) {
        return withGroup(GroupIntersection.of(this, newName, columns));
    }

    /** This dataset with {@code group} added (or replacing the group column of the same name). */
    public Dataset withGroup(CategoricalColumn group) {
        DatasetBuilder b = toBuilder();
        b.groups.put(group.name(), group);
        return b.build();
    }

    /** This dataset with another feature matrix of the same row count (e.g. standardised). */
    public Dataset withFeatures(Tensor newFeatures, List<Feature> info, String step) {
        DatasetBuilder b = toBuilder();
        b.features = newFeatures;
        b.featureInfo = info;
        b.sampleShape = newFeatures.dim(1) == featureCount() ? sampleShape : null;
        b.provenance = provenance.then(step);
        return b.build();
    }

    @Override
    public String toString() {
        return "Dataset " + name + " [" + size() + " x " + featureCount() + "], label '" + labels.name() + "' "
                + labels.countsByLevel() + ", groups " + groups.keySet() + (target != null ? ", target" : "");
    }
}
