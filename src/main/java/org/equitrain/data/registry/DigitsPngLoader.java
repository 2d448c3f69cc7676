package org.equitrain.data.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.Provenance;
import org.equitrain.data.readers.DigitsPngReader;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/** Loads OpenCV's {@code digits.png}: 5000 grey 20×20 digits, 500 per class in bands of 5 cell rows. */
final class DigitsPngLoader implements Loader {
    static final String PATH = "usr/share/doc/opencv-doc/examples/data/digits.png";
    private static final int CELL = 20;
    private static final int ROWS = 5000;

    private static Tensor read(Path artifact) throws IOException {
        Tensor t = DigitsPngReader.cells(artifact.resolve(PATH), CELL, DType.FLOAT64);
        if (t.dim(0) != ROWS) {
            throw new CountMismatchException("opencv-digits", "20x20 cells", ROWS, t.dim(0));
        }
        return t;
    }

    @Override
    public void verify(Path artifact, String source) throws IOException {
        read(artifact);
    }

    @Override
    public Dataset load(Path artifact, String part, NaPolicy naPolicy, String source) throws IOException {
        if (!part.equals("all")) {
            throw new IllegalArgumentException("dataset 'opencv-digits' has one part, 'all'; no part '" + part + "'");
        }
        Tensor images = read(artifact);
        // 2000x1000 sheet: 100 cells per row, 50 cell rows, digit k in cell rows 5k..5k+4
        int[] labels = DigitsPngReader.bandLabels(50, 100, 10);
        return Dataset.builder("opencv-digits").images(images)
                .labels(new CategoricalColumn("class", labels,
                        List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")))
                .provenance(new Provenance(source, PATH, ROWS, List.of())).build();
    }
}
