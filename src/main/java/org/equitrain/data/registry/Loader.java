package org.equitrain.data.registry;

import java.io.IOException;
import java.nio.file.Path;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;

/** Reads one registered dataset from its unpacked artifact. */
public interface Loader {
    /** Reads the raw files and checks the published counts, without building a dataset. */
    void verify(Path artifact, String source) throws IOException;

    /** Loads part {@code part} (e.g. "train", "test" or "all"); {@code source} names the package and version. */
    Dataset load(Path artifact, String part, NaPolicy naPolicy, String source) throws IOException;
}
