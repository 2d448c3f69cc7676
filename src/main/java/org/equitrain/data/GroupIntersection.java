package org.equitrain.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The intersection of several group columns as one group column (fairness-metrics.md §1, forml.md §2): every
 * observed combination of levels is one level, named like {@code colour=Black & sex=Male}; combinations with no
 * rows are not levels. Levels are ordered by the codes of the columns, first column slowest.
 */
public final class GroupIntersection {
    private GroupIntersection() {
    }

    /**
     * The group column {@code newName} whose levels are the observed combinations of the group {@code columns} of
     * {@code data}; an error when {@code columns} is empty or names a column the dataset lacks.
     */
    public static CategoricalColumn of(Dataset data, String newName, String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("intersection '" + newName + "' needs at least one group column");
        }
        List<CategoricalColumn> cols = new ArrayList<>();
        for (String c : columns) {
            cols.add(data.group(c));
        }
        int n = data.size();
        long[] keys = new long[n];
        Map<Long, Integer> observed = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            long key = 0;
            for (CategoricalColumn c : cols) {
                key = Math.addExact(Math.multiplyExact(key, c.levelCount()), c.code(i));
            }
            keys[i] = key;
            observed.put(key, 0);
        }
        List<String> levels = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : observed.entrySet()) {
            e.setValue(levels.size());
            levels.add(levelName(cols, e.getKey()));
        }
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            codes[i] = observed.get(keys[i]);
        }
        return new CategoricalColumn(newName, codes, levels);
    }

    private static String levelName(List<CategoricalColumn> cols, long key) {
        String[] parts = new String[cols.size()];
        for (int c = cols.size() - 1; c >= 0; c--) {
            CategoricalColumn col = cols.get(c);
            parts[c] = col.name() + "=" + col.levels().get((int) (key % col.levelCount()));
            key /= col.levelCount();
        }
        return String.join(" & ", parts);
    }
}
