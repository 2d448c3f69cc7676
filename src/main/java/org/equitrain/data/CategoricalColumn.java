package org.equitrain.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A column of integer codes into a list of level names (an R factor, an ARFF nominal attribute, a class label or a
 * protected attribute); code {@code -1} marks a missing value.
 */
public final class CategoricalColumn implements Column {
    private final String name;
    private final int[] codes;
    private final List<String> levels;

    /** Wraps {@code codes} without copying; every code must be -1 or a valid index into {@code levels}. */
    public CategoricalColumn(String name, int[] codes, List<String> levels) {
        this.name = name;
        this.codes = codes;
        this.levels = List.copyOf(levels);
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < -1 || codes[i] >= this.levels.size()) {
                throw new IllegalArgumentException("column '" + name + "' row " + i + ": code " + codes[i]
                        + " outside the " + this.levels.size() + " levels " + this.levels);
            }
        }
    }

    /**
     * A column from level names ({@code null} = missing). With {@code levels == null} the levels are the distinct
     * values in sorted order (R's default for factors); otherwise a value outside {@code levels} is an error.
     */
    public static CategoricalColumn of(String name, String[] values, List<String> levels) {
        List<String> lv = levels != null ? levels : sortedDistinct(values);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int k = 0; k < lv.size(); k++) {
            index.put(lv.get(k), k);
        }
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                codes[i] = -1;
            } else {
                Integer k = index.get(values[i]);
                if (k == null) {
                    throw new IllegalArgumentException("column '" + name + "' row " + i + ": value '" + values[i]
                            + "' is not one of the levels " + lv);
                }
                codes[i] = k;
            }
        }
        return new CategoricalColumn(name, codes, lv);
    }

    private static List<String> sortedDistinct(String[] values) {
        TreeSet<String> set = new TreeSet<>();
        for (String v : values) {
            if (v != null) {
                set.add(v);
            }
        }
        return new ArrayList<>(set);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return codes.length;
    }

    /** The code of {@code row} (-1 when missing). */
    public int code(int row) {
        return codes[row];
    }

    /** A copy of the codes. */
    public int[] codes() {
        return codes.clone();
    }

    /** The level names, in code order (unmodifiable). */
    public List<String> levels() {
        return levels;
    }

    /** Number of levels (codes run from 0 to {@code levelCount() - 1}). */
    public int levelCount() {
        return levels.size();
    }

    /** The level name of {@code row}, or {@code null} when missing. */
    public String level(int row) {
        return codes[row] < 0 ? null : levels.get(codes[row]);
    }

    /** The level name of every row, {@code null} where missing. */
    public String[] values() {
        String[] v = new String[codes.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = level(i);
        }
        return v;
    }

    /** Index of the level called {@code level}; an error naming the levels when there is none. */
    public int levelIndex(String level) {
        int k = levels.indexOf(level);
        if (k < 0) {
            throw new IllegalArgumentException("column '" + name + "' has no level '" + level + "'; levels: " + levels);
        }
        return k;
    }

    /** Rows per level, in level order (missing rows are not counted). */
    public int[] counts() {
        int[] c = new int[levels.size()];
        for (int code : codes) {
            if (code >= 0) {
                c[code]++;
            }
        }
        return c;
    }

    /** Level name to row count, in level order. */
    public Map<String, Integer> countsByLevel() {
        int[] c = counts();
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int k = 0; k < c.length; k++) {
            out.put(levels.get(k), c[k]);
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public boolean isMissing(int row) {
        return codes[row] < 0;
    }

    @Override
    public CategoricalColumn select(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = codes[rows[i]];
        }
        return new CategoricalColumn(name, out, levels);
    }

    @Override
    public CategoricalColumn renamed(String newName) {
        return new CategoricalColumn(newName, codes, levels);
    }

    /**
     * Merges levels: each old level maps to a new level name ({@code null} = missing). New levels are ordered by
     * their first appearance in the old level order.
     */
    public CategoricalColumn mapLevels(String newName, Function<String, String> mapping) {
        List<String> newLevels = new ArrayList<>();
        int[] recode = new int[levels.size()];
        for (int k = 0; k < levels.size(); k++) {
            String m = mapping.apply(levels.get(k));
            if (m == null) {
                recode[k] = -1;
                continue;
            }
            int j = newLevels.indexOf(m);
            if (j < 0) {
                newLevels.add(m);
                j = newLevels.size() - 1;
            }
            recode[k] = j;
        }
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = codes[i] < 0 ? -1 : recode[codes[i]];
        }
        return new CategoricalColumn(newName, out, newLevels);
    }
}
