package org.equitrain.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.Split;
import org.equitrain.data.TableEncoder;
import org.equitrain.data.readers.CsvReader;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.data.registry.RegisteredDataset;

/**
 * The train / test split {@code equitrain sensitivity} works on: a CSV file split 80/20 by class (then
 * standardised), or a registry dataset (its own test part where it has one). Checks that a registry dataset's fixed
 * label is the one asked for and that both parts have enough rows.
 */
final class SensitivityData {
    private SensitivityData() {
    }

    /** The split of {@code data} (a CSV file or a dataset name) with label column {@code label} (nullable). */
    static Split load(String data, String label, long seed) throws IOException {
        Path file = Path.of(data);
        if (Files.isRegularFile(file)) {
            if (label == null) {
                throw new IllegalArgumentException("--label COL is required for the CSV file " + file);
            }
            // the label is read as classes even when written as numbers (0/1)
            Dataset d = new TableEncoder(new CsvReader().categorical(label).read(file)).label(label)
                    .encode(file.getFileName().toString());
            Notices.droppedRows("sensitivity", d);
            return split(d, seed);
        }
        DatasetRegistry registry = DatasetRegistry.standard();
        RegisteredDataset r = registry.get(data); // its error says whether 'data' is a missing file or a folder
        Split split;
        if (r.parts().contains("test")) {
            Dataset train = registry.load(data, "train", NaPolicy.DROP_ROWS);
            split = new Split(train, train.select(new int[0]), registry.load(data, "test", NaPolicy.DROP_ROWS));
        } else {
            split = split(registry.load(data), seed);
        }
        String fixed = split.train().labelColumn().name();
        if (label != null && !label.equals(fixed)) {
            throw new IllegalArgumentException("--label " + label + ": dataset '" + data
                    + "' has the fixed label column '" + fixed + "'; leave --label out");
        }
        return split;
    }

    /**
     * The stratified 80/20 split of {@code d}, standardised by the training part, if it has the two training rows
     * leave-one-out needs and a test row for the test NLL.
     */
    private static Split split(Dataset d, long seed) {
        Split split = d.split(0.8, 0, seed);
        int train = split.train().size();
        int test = split.test().size();
        if (train < 2 || test < 1) {
            throw new IllegalArgumentException(d.name() + ": the stratified 80/20 split of " + d.size() + " rows "
                    + "gave " + train + " training rows and " + test + " test rows; sensitivity needs at least 2 "
                    + "training rows and 1 test row");
        }
        return split.standardized();
    }
}
