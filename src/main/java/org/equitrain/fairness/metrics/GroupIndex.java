package org.equitrain.fairness.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The group of every row (spec §1): with several sensitive columns the group is the tuple of their levels, and
 * every observed combination is a group; combinations with no rows are not groups. Groups are sorted.
 */
public final class GroupIndex {
    /** The level given to missing values when {@code naAsGroup} is on (H2O-3 behaviour). */
    public static final String NA_LEVEL = "NA";

    private final List<String> columns;
    private final List<Group> groups;
    private final int[] rowGroup;
    private final int[][] members;

    private GroupIndex(List<String> columns, List<Group> groups, int[] rowGroup) {
        this.columns = List.copyOf(columns);
        this.groups = List.copyOf(groups);
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
     * Builds the index from named sensitive columns of equal length. A missing value ({@code null} or empty) is the
     * level {@link #NA_LEVEL} when {@code naAsGroup} is on, else an error naming the column and row.
     */
    public static GroupIndex of(List<String> names, List<String[]> columns, boolean naAsGroup) {
        if (names.isEmpty() || names.size() != columns.size()) {
            throw new IllegalArgumentException("need at least one sensitive column and one name per column, got "
                    + names.size() + " names for " + columns.size() + " columns");
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
        return new GroupIndex(names, Arrays.asList(sorted), rowGroup);
    }

    /** The same groups for the given rows (bootstrap replicates); a group may then have no rows. */
    GroupIndex subset(int[] rows) {
        int[] sub = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            sub[i] = rowGroup[rows[i]];
        }
        return new GroupIndex(columns, groups, sub);
    }

    /** Names of the sensitive columns. */
    public List<String> columns() {
        return columns;
    }

    /** All groups, sorted. */
    public List<Group> groups() {
        return groups;
    }

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
