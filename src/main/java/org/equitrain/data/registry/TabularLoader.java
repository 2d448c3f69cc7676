package org.equitrain.data.registry;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.Provenance;
import org.equitrain.data.Table;
import org.equitrain.data.TableEncoder;
import org.equitrain.data.readers.ArffReader;
import org.equitrain.data.readers.CsvReader;
import org.equitrain.data.readers.DataFormatException;
import org.equitrain.data.readers.GdtReader;
import org.equitrain.data.readers.rdata.LazyLoadDb;
import org.equitrain.data.readers.rdata.RDataFile;
import org.equitrain.data.readers.rdata.RDataFrames;

/**
 * Loads a table from an artifact (an R object, an ARFF entry of a jar, a gretl or CSV file), checks its published
 * counts, and encodes it with a dataset-specific {@link TableEncoder} (label, groups, target, exclusions).
 */
final class TabularLoader implements Loader {
    /** Reads the raw table from the unpacked artifact. */
    @FunctionalInterface
    interface TableReader {
        Table read(Path artifact) throws IOException;
    }

    /** Chooses label, groups and features for a freshly read table. */
    @FunctionalInterface
    interface Encoding {
        TableEncoder encoder(Table t);
    }

    private final String name;
    private final String artifactPath;
    private final TableReader reader;
    private final Expectation expectation;
    private final Encoding encoding;

    TabularLoader(String name, String artifactPath, TableReader reader, Expectation expectation, Encoding encoding) {
        this.name = name;
        this.artifactPath = artifactPath;
        this.reader = reader;
        this.expectation = expectation;
        this.encoding = encoding;
    }

    @Override
    public void verify(Path artifact, String source) throws IOException {
        expectation.check(name, reader.read(artifact));
    }

    @Override
    public Dataset load(Path artifact, String part, NaPolicy naPolicy, String source) throws IOException {
        if (!part.equals("all")) {
            throw new IllegalArgumentException("dataset '" + name + "' has one part, 'all'; no part '" + part + "'");
        }
        Table t = reader.read(artifact);
        expectation.check(name, t);
        return encoding.encoder(t).naPolicy(naPolicy)
                .provenance(new Provenance(source, artifactPath, t.rows(), List.of())).encode(name);
    }

    // ---- readers for the artifact kinds in datasets.md ----

    /** A data.frame in an {@code .rda} file. */
    static TableReader rda(String path, String object) {
        return a -> RDataFrames.toTable(object, RDataFile.object(a.resolve(path), object), path);
    }

    /** A data.frame in a package's lazy-load data base {@code dir/Rdata.rdx + .rdb}. */
    static TableReader lazyLoad(String dir, String object) {
        return a -> RDataFrames.toTable(object, LazyLoadDb.open(a.resolve(dir).resolve("Rdata.rdx")).get(object),
                dir + "/Rdata.rdb");
    }

    /** An ARFF entry of a jar. */
    static TableReader arffInJar(String entry) {
        return jar -> {
            try (ZipFile z = new ZipFile(jar.toFile())) {
                ZipEntry e = z.getEntry(entry);
                if (e == null) {
                    throw DataFormatException.atOffset(jar.toString(), -1, "a jar entry " + entry, "none");
                }
                try (Reader r = new InputStreamReader(z.getInputStream(e), StandardCharsets.UTF_8)) {
                    return new ArffReader().read(r, jar.getFileName() + "!/" + entry);
                }
            }
        };
    }

    static TableReader gdt(String path) {
        return a -> GdtReader.read(a.resolve(path));
    }

    static TableReader csv(String path) {
        return a -> new CsvReader().read(a.resolve(path));
    }
}
