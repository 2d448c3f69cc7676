package org.equitrain.data.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Column;
import org.equitrain.data.Table;

/**
 * Published counts a freshly read table must match (datasets.md §2–3): the row count, rows per level of named
 * columns, and optionally the total number of missing cells. Counts, not file hashes, because a point release may
 * change bytes but should not change the data.
 */
public final class Expectation {
    private record LevelCount(String column, String level, int count) {
    }

    private final int rows;
    private final List<LevelCount> levels = new ArrayList<>();
    private int missingCells = -1;

    private Expectation(int rows) {
        this.rows = rows;
    }

    /** Expects exactly {@code rows} rows. */
    public static Expectation rows(int rows) {
        return new Expectation(rows);
    }

    /** Expects {@code count} rows with {@code level} in {@code column}; pairs given as level, count, level, count... */
    public Expectation levels(String column, Object... levelCounts) {
        for (int k = 0; k < levelCounts.length; k += 2) {
            if (k + 1 == levelCounts.length || !(levelCounts[k] instanceof String level)
                    || !(levelCounts[k + 1] instanceof Integer count)) {
                throw new IllegalArgumentException("expected counts of '" + column + "' must be pairs of a level "
                        + "(String) and a count (Integer); got " + Arrays.toString(levelCounts));
            }
            levels.add(new LevelCount(column, level, count));
        }
        return this;
    }

    /** Expects this many missing cells over all columns. */
    public Expectation missingCells(int n) {
        this.missingCells = n;
        return this;
    }

    /** The expected row count. */
    public int rows() {
        return rows;
    }

    /** Checks {@code t}; the first mismatch is a {@link CountMismatchException} naming dataset, count and values. */
    public void check(String dataset, Table t) throws CountMismatchException {
        if (t.rows() != rows) {
            throw new CountMismatchException(dataset, "rows of " + t.name(), rows, t.rows());
        }
        for (LevelCount lc : levels) {
            Column c = t.column(lc.column);
            int found;
            if (c instanceof CategoricalColumn cat) {
                Integer n = cat.countsByLevel().get(lc.level);
                found = n == null ? 0 : n;
            } else {
                double v = Double.parseDouble(lc.level);
                found = 0;
                for (int i = 0; i < c.size(); i++) {
                    found += ((org.equitrain.data.NumericColumn) c).get(i) == v ? 1 : 0;
                }
            }
            if (found != lc.count) {
                throw new CountMismatchException(dataset, "rows with " + lc.column + " = " + lc.level, lc.count, found);
            }
        }
        if (missingCells >= 0) {
            long found = t.columns().stream().mapToLong(Column::missingCount).sum();
            if (found != missingCells) {
                throw new CountMismatchException(dataset, "missing cells", missingCells, found);
            }
        }
    }
}
