package org.equitrain.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.io.AtomicFiles;

/**
 * An experiment's results.json: provenance (always: experiment, seeds, datasets with row counts per split, options,
 * equitrain / Java versions, BLAS backend, start time, wall-clock seconds), flat {@code metrics}, and nested
 * {@code figures} (the numbers behind each plot). Pretty-printed with keys in a stable order; written atomically.
 * Not thread-safe: one experiment thread records its results.
 *
 * <pre>{@code
 * Results results = Results.start("forml-adult").seeds(0, 1, 2, 3, 4)
 *         .dataset("adult", Map.of("train", 30162, "test", 15060));
 * SeedSummary acc = results.seedMetric("accuracy_forml", perSeedAccuracy); // accuracy_forml_mean, _ci_low, ...
 * results.figure("test_accuracy", Map.of("epoch", epochs, "forml", curve));
 * results.write(outDir.resolve("results.json"));
 * }</pre>
 */
public final class Results {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance));

    private final String experiment;
    private final Instant timestamp;
    private final long startNanos;
    /** Wall-clock seconds at the first {@link #write}, the run's end; NaN before it. */
    private double finalWallSeconds = Double.NaN;
    private final List<Long> seeds = new ArrayList<>();
    private final List<Provenance.Dataset> datasets = new ArrayList<>();
    private final Map<String, Object> options = new LinkedHashMap<>();
    private String equitrainVersion = Provenance.detectedEquitrainVersion();
    private final ObjectNode metrics = F.objectNode();
    private final ObjectNode figures = F.objectNode();

    private Results(String experiment) {
        this.experiment = experiment;
        this.timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.startNanos = System.nanoTime();
    }

    /**
     * Starts recording for {@code experiment}: notes the time and starts the wall clock. Call it first thing in a
     * command or experiment (seeds and datasets can be added later): the provenance's wall-clock seconds run from
     * here, so starting it after the work records only the time spent writing.
     */
    public static Results start(String experiment) {
        return new Results(experiment);
    }

    /** The seeds the experiment runs (appended in order). */
    public Results seeds(long... seeds) {
        for (long s : seeds) {
            this.seeds.add(s);
        }
        return this;
    }

    /** A dataset used, with its rows per split, e.g. {@code {"train": 30162, "test": 15060}}. */
    public Results dataset(String name, Map<String, ? extends Number> rowsPerSplit) {
        Map<String, Long> rows = new LinkedHashMap<>();
        StableOrder.copy(rowsPerSplit).forEach((k, v) -> rows.put(k, v.longValue()));
        datasets.add(new Provenance.Dataset(name, rows));
        return this;
    }

    /**
     * An option the run was made with that changes its results, e.g. {@code ("mode", "quick")}: a string, number or
     * boolean, recorded once per name, shown with the provenance in the order recorded.
     */
    public Results option(String name, Object value) {
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new IllegalArgumentException("option '" + name + "' of " + experiment + " must be a string, number "
                    + "or boolean, got " + value);
        }
        if (options.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("option '" + name + "' is already recorded in " + experiment);
        }
        return this;
    }

    /** Overrides the equitrain version (by default read from the jar manifest, "dev" outside a jar). */
    public Results equitrainVersion(String version) {
        this.equitrainVersion = version;
        return this;
    }

    /**
     * Records a metric; a key may be recorded once. Map keys keep a {@link java.util.LinkedHashMap}'s insertion
     * order and are sorted otherwise; fill an ordered map with {@code put} (a LinkedHashMap copied from
     * {@code Map.of} inherits its order, which changes from run to run).
     */
    public Results metric(String key, Object value) {
        if (metrics.has(key)) {
            throw new IllegalArgumentException("metric '" + key + "' is already recorded in " + experiment);
        }
        metrics.set(key, JsonValues.tree(value, "metrics." + key));
        return this;
    }

    /**
     * Records a metric measured once per seed: the values under {@code key}, and the across-seed summary as
     * {@code <key>_mean}, {@code <key>_std}, {@code <key>_ci_low}, {@code <key>_ci_high} (95% Student-t interval,
     * fairness-metrics.md §6) and {@code <key>_n} (seeds with a value; NaN seeds are dropped).
     */
    public SeedSummary seedMetric(String key, double[] perSeed) {
        SeedSummary s = SeedSummary.of(perSeed);
        metric(key, perSeed);
        metric(key + "_mean", s.mean());
        metric(key + "_std", s.std());
        metric(key + "_ci_low", s.ciLow());
        metric(key + "_ci_high", s.ciHigh());
        metric(key + "_n", s.n());
        return s;
    }

    /** Records the data behind a figure: nested maps, lists, arrays, numbers and strings. */
    public Results figure(String key, Object value) {
        if (figures.has(key)) {
            throw new IllegalArgumentException("figure '" + key + "' is already recorded in " + experiment);
        }
        figures.set(key, JsonValues.tree(value, "figures." + key));
        return this;
    }

    /**
     * Provenance as of now: wall-clock seconds since {@link #start}, or, once results.json is written, up to that
     * write, so that a report written after it shows the same run time.
     */
    public Provenance provenance() {
        double wall = Double.isNaN(finalWallSeconds) ? (System.nanoTime() - startNanos) * 1e-9 : finalWallSeconds;
        return new Provenance(experiment, seeds, datasets, options, equitrainVersion, Provenance.detectedJavaVersion(),
                Provenance.detectedBlas(), timestamp, wall);
    }

    /** The results.json text, stamped with the wall-clock time so far. */
    public String json() {
        Provenance p = provenance();
        ObjectNode root = F.objectNode();
        ObjectNode prov = root.putObject("provenance");
        prov.put("experiment", p.experiment());
        ArrayNode seedArray = prov.putArray("seeds");
        p.seeds().forEach(seedArray::add);
        ArrayNode data = prov.putArray("datasets");
        for (Provenance.Dataset d : p.datasets()) {
            ObjectNode o = data.addObject().put("name", d.name());
            ObjectNode rows = o.putObject("rows");
            d.rows().forEach(rows::put);
        }
        ObjectNode opts = prov.putObject("options");
        p.options().forEach((k, v) -> opts.set(k, JsonValues.tree(v, "provenance.options." + k)));
        prov.putObject("versions").put("equitrain", p.equitrainVersion()).put("java", p.javaVersion())
                .put("blas", p.blas());
        prov.put("timestamp", p.timestamp().toString());
        prov.put("wall_seconds", Math.round(p.wallSeconds() * 1000) / 1000.0);
        root.set("metrics", metrics.deepCopy());
        root.set("figures", figures.deepCopy());
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes results.json atomically (a reader never sees half a file); the first write stops the wall clock. */
    public void write(Path file) throws IOException {
        if (Double.isNaN(finalWallSeconds)) {
            finalWallSeconds = (System.nanoTime() - startNanos) * 1e-9;
        }
        AtomicFiles.writeString(file, json());
    }

    /** Reads a results.json written by {@link #write}. */
    public static JsonNode read(Path file) throws IOException {
        return MAPPER.readTree(file.toFile());
    }
}
