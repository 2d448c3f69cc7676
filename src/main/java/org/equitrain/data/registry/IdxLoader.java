package org.equitrain.data.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.Provenance;
import org.equitrain.data.readers.IdxReader;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * Loads an IDX image dataset (MNIST, Fashion-MNIST): per part an images file and a labels file. Images become
 * float64 features [N, 784] in [0, 1] with sample shape [1, 28, 28]; there are no group columns (image fairness
 * experiments make synthetic subgroups, datasets.md §1).
 */
final class IdxLoader implements Loader {
    /** The images and labels files of one part, relative to the artifact folder, and its published row count. */
    record Part(String images, String labels, int rows) {
    }

    private final String name;
    private final Map<String, Part> parts;
    private final List<String> classNames;

    IdxLoader(String name, Map<String, Part> parts, List<String> classNames) {
        this.name = name;
        this.parts = parts;
        this.classNames = classNames;
    }

    @Override
    public void verify(Path artifact, String source) throws IOException {
        for (Map.Entry<String, Part> e : parts.entrySet()) {
            Part p = e.getValue();
            int[] labels = IdxReader.labels(artifact.resolve(p.labels()));
            check(e.getKey(), labels);
            int[] dims = IdxReader.read(artifact.resolve(p.images())).dims();
            if (dims.length != 3 || dims[0] != p.rows() || dims[1] != 28 || dims[2] != 28) {
                throw new CountMismatchException(name, e.getKey() + " images of 28x28", p.rows(), dims[0]);
            }
        }
    }

    private void check(String part, int[] labels) throws CountMismatchException {
        Part p = parts.get(part);
        if (labels.length != p.rows()) {
            throw new CountMismatchException(name, part + " labels", p.rows(), labels.length);
        }
        int[] counts = new int[classNames.size()];
        for (int y : labels) {
            if (y >= counts.length) {
                throw new CountMismatchException(name, part + " labels below " + counts.length, 0, y);
            }
            counts[y]++;
        }
        long present = java.util.Arrays.stream(counts).filter(c -> c > 0).count();
        if (present != classNames.size()) {
            throw new CountMismatchException(name, part + " classes present", classNames.size(), present);
        }
    }

    @Override
    public Dataset load(Path artifact, String part, NaPolicy naPolicy, String source) throws IOException {
        Part p = parts.get(part);
        if (p == null) {
            throw new IllegalArgumentException("dataset '" + name + "' has parts " + parts.keySet() + "; no part '"
                    + part + "'");
        }
        int[] labels = IdxReader.labels(artifact.resolve(p.labels()));
        check(part, labels);
        Tensor images = IdxReader.images(artifact.resolve(p.images()), DType.FLOAT64);
        if (images.dim(0) != labels.length) {
            throw new CountMismatchException(name, part + " images", labels.length, images.dim(0));
        }
        return Dataset.builder(name + "-" + part).images(images)
                .labels(new CategoricalColumn("class", labels, classNames))
                .provenance(new Provenance(source, p.images() + ", " + p.labels(), labels.length, List.of()))
                .build();
    }
}
