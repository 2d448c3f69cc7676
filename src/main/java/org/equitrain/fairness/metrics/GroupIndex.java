package org.equitrain.fairness.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The group of every row (spec §1): with several sensitive columns the group is the tuple of their levels, and
 * every observed combination is a group; combinations of observed levels with no rows are not groups (spec §5) but
 * are listed as {@link #emptyIntersections()}. Groups are sorted.
 */
public final class GroupIndex {
    /** The level given to missing values when {@code naAsGroup} is on (H2O-3 behaviour). */
    public static final String NA_LEVEL = "NA";
    /** At most this many empty intersections are listed; {@link #emptyIntersectionCount()} counts them all. */
    public static final int EMPTY_LISTED = 100;

    private final List<String> columns;
    private final List<Group> groups;
    private final List<Group> emptyIntersections;
    private final long emptyIntersectionCount;
    private final int[] rowGroup;
    private final int[][] members;

    private GroupIndex(List<String> columns, List<Group> groups, List<Group> emptyIntersections,
            long emptyIntersectionCount, int[] rowGroup) {
        this.columns = List.copyOf(columns);
        this.groups = List.copyOf(groups);
        this.emptyIntersections = List.copyOf(emptyIntersections);
        this.emptyIntersectionCount = emptyIntersectionCount;
        this.rowGroup = rowGroup;
        int[] sizes = new int[groups.size()];
        for (int g : rowGroup) {
            sizes[g]++;
        }
        this.members = new int[groups.size()][];
        for (int g = 0; g < sizes.length; g++) {
            members[g] = new int[sizes[g]];
        }
        int[] fill = new int[groups.size()];
        for (int i = 0; i < rowGroup.length; i++) {
            members[rowGroup[i]][fill[rowGroup[i]]++] = i;
        }
    }

    /**
     * Builds the index from sensitive columns of equal length, each with its own name. A missing value ({@code null}
     * or empty) is the level {@link #NA_LEVEL} when {@code naAsGroup} is on, else an error naming the column and row.
     */
    public static GroupIndex of(List<String> names, List<String[]> columns, boolean naAsGroup) {
        if (names.isEmpty() || names.size() != columns.size()) {
            throw new IllegalArgumentException("need at least one sensitive column and one name per column, got "
                    + names.size() + " names for " + columns.size() + " columns");
        }
        if (new HashSet<>(names).size() != names.size()) {
            String twice = names.stream().filter(name -> names.indexOf(name) != names.lastIndexOf(name)).findFirst()
                    .orElseThrow();
            throw new IllegalArgumentException("sensitive column '" + twice + "' is given twice; each column needs its"
                    + " own name");
        }
        int n = columns.get(0).length;
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).length != n) {
                throw new IllegalArgumentException("sensitive column '" + names.get(c) + "' has "
                        + columns.get(c).length + " rows but '" + names.get(0) + "' has " + n);
            }
        }
        Map<List<String>, Integer> codes = new HashMap<>();
        List<List<String>> tuples = new ArrayList<>();
        int[] provisional = new int[n];
        for (int i = 0; i < n; i++) {
            List<String> tuple = new ArrayList<>(columns.size());
            for (int c = 0; c < columns.size(); c++) {
                String v = columns.get(c)[i];
                if (v == null || v.isEmpty()) {
                    if (!naAsGroup) {
                        throw new IllegalArgumentException("sensitive column '" + names.get(c)
                                + "' has a missing value at row " + i + " (turn on naAsGroup to make missing values"
                                + " their own group)");
                    }
                    v = NA_LEVEL;
                }
                tuple.add(v);
            }
            Integer code = codes.get(tuple);
            if (code == null) {
                code = tuples.size();
                codes.put(tuple, code);
                tuples.add(tuple);
            }
            provisional[i] = code;
        }
        Group[] unsorted = new Group[tuples.size()];
        for (int t = 0; t < unsorted.length; t++) {
            unsorted[t] = new Group(names, tuples.get(t));
        }
        Group[] sorted = unsorted.clone();
        Arrays.sort(sorted);
        Map<Group, Integer> position = new HashMap<>();
        for (int g = 0; g < sorted.length; g++) {
            position.put(sorted[g], g);
        }
        int[] rowGroup = new int[n];
        for (int i = 0; i < n; i++) {
            rowGroup[i] = position.get(unsorted[provisional[i]]);
        }
        if (n == 0) {
            return new GroupIndex(names, List.of(), List.of(), 0, rowGroup);
        }
        List<List<String>> levels = levels(names, sorted);
        long combinations = 1;
        for (List<String> l : levels) {
            combinations = combinations > Long.MAX_VALUE / l.size() ? Long.MAX_VALUE : combinations * l.size();
        }
        return new GroupIndex(names, Arrays.asList(sorted), empty(names, levels, Set.of(sorted)),
                combinations - sorted.length, rowGroup);
    }

    /** The observed levels of each column, sorted as groups are. */
    private static List<List<String>> levels(List<String> names, Group[] groups) {
        List<List<String>> levels = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            Set<String> seen = new HashSet<>();
            for (Group g : groups) {
                seen.add(g.levels().get(c));
            }
            levels.add(seen.stream().map(l -> Group.of(name, l)).sorted().map(g -> g.levels().get(0)).toList());
        }
        return levels;
    }

    /**
     * The first {@link #EMPTY_LISTED} combinations of observed levels that are not groups, in group order: an
     * odometer over the sorted levels, which visits at most (groups + EMPTY_LISTED) combinations.
     */
    private static List<Group> empty(List<String> names, List<List<String>> levels, Set<Group> groups) {
        List<Group> empty = new ArrayList<>();
        int[] digit = new int[levels.size()];
        while (empty.size() < EMPTY_LISTED) {
            List<String> tuple = new ArrayList<>(digit.length);
            for (int c = 0; c < digit.length; c++) {
                tuple.add(levels.get(c).get(digit[c]));
            }
            Group g = new Group(names, tuple);
            if (!groups.contains(g)) {
                empty.add(g);
            }
            int c = digit.length - 1;
            while (c >= 0 && ++digit[c] == levels.get(c).size()) {
                digit[c--] = 0;
            }
            if (c < 0) {
                break;
            }
        }
        return empty;
    }

    /** The same groups for the given rows (bootstrap replicates); a group may then have no rows. */
    GroupIndex subset(int[] rows) {
        int[] sub = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            sub[i] = rowGroup[rows[i]];
        }
        return new GroupIndex(columns, groups, emptyIntersections, emptyIntersectionCount, sub);
    }

    /** Names of the sensitive columns. */
    public List<String> columns() {
        return columns;
    }

    /** All groups, sorted. */
    public List<Group> groups() {
        return groups;
    }

    /**
     * Combinations of the sensitive columns' observed levels that no row has, sorted: not groups, since they have no
     * rows (spec §5). At most {@link #EMPTY_LISTED}; empty for one sensitive column.
     */
    public List<Group> emptyIntersections() {
        return emptyIntersections;
    }

    /** How many combinations of observed levels no row has (all of them, listed or not; at most Long.MAX_VALUE). */
    public long emptyIntersectionCount() {
        return emptyIntersectionCount;
    }

    /** Number of rows. */
    public int size() {
        return rowGroup.length;
    }

    /** Index into {@link #groups()} of row {@code i}. */
    public int groupOf(int row) {
        return rowGroup[row];
    }

    /** Position of a group in {@link #groups()}; an error naming the group and the known groups if absent. */
    public int indexOf(Group group) {
        int g = groups.indexOf(group);
        if (g < 0) {
            throw new IllegalArgumentException("unknown group '" + group.name() + "'; groups are " + groups);
        }
        return g;
    }

    /** The rows of group {@code g} (do not modify). */
    int[] members(int g) {
        return members[g];
    }
}
