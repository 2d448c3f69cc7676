package org.equitrain.data.registry;

import java.util.List;
import java.util.Map;

/**
 * A dataset equitrain knows how to fetch and load: its name, a one-line description, the artifact it comes from,
 * the licence of the data, its parts with their published row counts (e.g. train 60000, test 10000; tabular data
 * has one part, "all"), and the loader.
 */
public record RegisteredDataset(String name, String description, Source source, String licence,
        Map<String, Integer> partRows, Loader loader) {
    /** Copies {@code partRows}, keeping its order. */
    public RegisteredDataset {
        partRows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(partRows));
    }

    /** The part names, in registration order (e.g. {@code [train, test]} or {@code [all]}). */
    public List<String> parts() {
        return List.copyOf(partRows.keySet());
    }

    /** The part loaded when none is named: "train" when present, else the first. */
    public String defaultPart() {
        return partRows.containsKey("train") ? "train" : parts().get(0);
    }

    /** Row counts as text, e.g. {@code 60000+10000}. */
    public String rowsText() {
        return String.join("+", partRows.values().stream().map(String::valueOf).toList());
    }
}
