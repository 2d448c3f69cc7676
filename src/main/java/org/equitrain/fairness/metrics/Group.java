package org.equitrain.fairness.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * One group: the tuple of levels a row takes on the sensitive columns (an intersection when there are several).
 * Its readable name is the level itself for one column ({@code F}) and {@code sex=F, race=B} for several.
 */
public record Group(List<String> columns, List<String> levels) implements Comparable<Group> {
    /** Copies the lists; one level per column, at least one column. */
    public Group {
        columns = List.copyOf(columns);
        levels = List.copyOf(levels);
        if (columns.size() != levels.size() || columns.isEmpty()) {
            throw new IllegalArgumentException("a group needs one level per sensitive column, got columns " + columns
                    + " and levels " + levels);
        }
    }

    /** The group of a single sensitive column. */
    public static Group of(String column, String level) {
        return new Group(List.of(column), List.of(level));
    }

    /** Readable name: {@code F} for one column, {@code sex=F, race=B} for an intersection. */
    public String name() {
        if (levels.size() == 1) {
            return levels.get(0);
        }
        List<String> parts = new ArrayList<>(levels.size());
        for (int i = 0; i < levels.size(); i++) {
            parts.add(columns.get(i) + "=" + levels.get(i));
        }
        return String.join(", ", parts);
    }

    /** Orders level by level, numerically where both levels are numbers (so 2 comes before 10). */
    @Override
    public int compareTo(Group o) {
        for (int i = 0; i < Math.min(levels.size(), o.levels.size()); i++) {
            int c = compareLevels(levels.get(i), o.levels.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(levels.size(), o.levels.size());
    }

    private static int compareLevels(String a, String b) {
        Double x = parseOrNull(a);
        Double y = parseOrNull(b);
        if (x != null && y != null) {
            int c = Double.compare(x, y);
            return c != 0 ? c : a.compareTo(b);
        }
        return a.compareTo(b);
    }

    private static Double parseOrNull(String s) {
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
