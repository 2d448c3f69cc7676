package org.equitrain.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.tensor.Tensor;

/**
 * Assembles a {@link Dataset} (features or images, labels, group columns, target, provenance); {@link #build()} checks
 * that every part has N rows and labels/groups have no gaps.
 */
public final class DatasetBuilder {
    final String name;
    Tensor features;
    int[] sampleShape;
    List<Feature> featureInfo;
    CategoricalColumn labels;
    final Map<String, CategoricalColumn> groups = new LinkedHashMap<>();
    double[] target;
    int favourableClass = 1;
    int[] rowIds;
    boolean[] corrupted;
    int[] cleanLabels;
    Provenance provenance;

    DatasetBuilder(String name) {
        this.name = name;
    }

    /** A feature matrix [N, d] with one description per column. */
    public DatasetBuilder features(Tensor x, List<Feature> info) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("dataset '" + name + "': features must be [N, d], got " + x.shape());
        }
        this.features = x;
        this.featureInfo = info;
        this.sampleShape = null;
        return this;
    }

    /** Images [N, c, h, w] (or any [N, ...]); stored flat as [N, c*h*w] with pixel features. */
    public DatasetBuilder images(Tensor x) {
        int[] dims = x.dims();
        this.sampleShape = Arrays.copyOfRange(dims, 1, dims.length);
        this.features = x.reshape(dims[0], x.size() / Math.max(1, dims[0]));
        this.featureInfo = null;
        return this;
    }

    /** The class labels; {@link #build()} rejects missing values. */
    public DatasetBuilder labels(CategoricalColumn y) {
        this.labels = y;
        return this;
    }

    /** Adds a protected-attribute column, replacing one of the same name. */
    public DatasetBuilder group(CategoricalColumn g) {
        groups.put(g.name(), g);
        return this;
    }

    /** A numeric regression target with one value per row (held, not copied); optional. */
    public DatasetBuilder target(double[] t) {
        this.target = t;
        return this;
    }

    /** The class that counts as the favourable outcome in fairness metrics (default 1). */
    public DatasetBuilder favourableClass(int k) {
        this.favourableClass = k;
        return this;
    }

    /** Each row's index in the data as read (default 0..N-1). */
    public DatasetBuilder rowIds(int[] ids) {
        this.rowIds = ids;
        return this;
    }

    /** Marks rows chosen for corruption and keeps their clean labels. */
    public DatasetBuilder corruption(boolean[] corruptedRows, int[] clean) {
        this.corrupted = corruptedRows;
        this.cleanLabels = clean;
        return this;
    }

    /** Where the data came from (default {@link Provenance#inMemory(int)}). */
    public DatasetBuilder provenance(Provenance p) {
        this.provenance = p;
        return this;
    }

    /** The dataset; an {@link IllegalArgumentException} names the first part that is missing or inconsistent. */
    public Dataset build() {
        return new Dataset(this);
    }
}
