package org.equitrain.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Copies maps into an order that is the same on every run: insertion order for ordered maps (LinkedHashMap,
 * SortedMap), sorted by key for maps with no defined order (HashMap, Map.of), whose iteration order can change
 * between runs.
 */
final class StableOrder {
    private StableOrder() {
    }

    static <V> Map<String, V> copy(Map<?, ? extends V> map) {
        Map<String, V> out = map instanceof LinkedHashMap || map instanceof SortedMap
                ? new LinkedHashMap<>() : new TreeMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return Collections.unmodifiableMap(out instanceof TreeMap ? new LinkedHashMap<>(out) : out);
    }
}
