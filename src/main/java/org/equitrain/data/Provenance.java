package org.equitrain.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a dataset came from and what was done to it: the source package and version, the artifact path inside it,
 * the number of rows read, and the steps applied since (split, subsampling, corruption, ...), in order.
 */
public record Provenance(String source, String artifact, int rowsRead, List<String> steps) {
    /** Copies {@code steps}. */
    public Provenance {
        steps = List.copyOf(steps);
    }

    /** Provenance of data built in memory (tests, synthetic data). */
    public static Provenance inMemory(int rows) {
        return new Provenance("in-memory", "", rows, List.of());
    }

    /** This provenance with one more step. */
    public Provenance then(String step) {
        List<String> s = new ArrayList<>(steps);
        s.add(step);
        return new Provenance(source, artifact, rowsRead, s);
    }

    @Override
    public String toString() {
        return source + (artifact.isEmpty() ? "" : " : " + artifact) + " (" + rowsRead + " rows read)"
                + (steps.isEmpty() ? "" : "; " + String.join("; ", steps));
    }
}
