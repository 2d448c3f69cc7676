package org.equitrain.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.equitrain.tensor.Gemm;

/**
 * Where a result came from, recorded with every results.json and shown at the top of every report: experiment,
 * seeds, datasets with their row counts per split, the options it ran with (e.g. quick or full mode), software
 * versions, BLAS backend, start time and wall-clock seconds. Built by {@link Results}.
 *
 * @param options option name to value (a string, number or boolean), in the order recorded
 */
public record Provenance(String experiment, List<Long> seeds, List<Dataset> datasets, Map<String, Object> options,
        String equitrainVersion, String javaVersion, String blas, Instant timestamp, double wallSeconds) {

    /** A dataset and its number of rows in each split (e.g. train, test), in the order given. */
    public record Dataset(String name, Map<String, Long> rows) {
        /** Copies {@code rows}: a LinkedHashMap or SortedMap keeps its order, any other map is sorted by split name. */
        public Dataset {
            rows = StableOrder.copy(rows);
        }
    }

    /** Copies {@code seeds}, {@code datasets} and {@code options} (keeping the order of an ordered map). */
    public Provenance {
        seeds = List.copyOf(seeds);
        datasets = List.copyOf(datasets);
        options = StableOrder.copy(options);
    }

    /** The equitrain version from the jar manifest (Maven writes it), or "dev" when running from classes. */
    public static String detectedEquitrainVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    /** The running JVM's version. */
    public static String detectedJavaVersion() {
        return System.getProperty("java.version");
    }

    /** The BLAS implementation matrix products use. */
    public static String detectedBlas() {
        return Gemm.implementation();
    }
}
