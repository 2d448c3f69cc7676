package org.equitrain.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A named, immutable list of equally long columns: what every reader returns (CSV, ARFF, R data.frame, gretl)
 * before the columns are encoded into a {@link Dataset} by {@link TableEncoder}.
 */
public final class Table {
    private final String name;
    private final List<Column> columns;
    private final int rows;

    /**
     * A table of {@code columns}, which must all have the same number of rows and distinct names; an
     * {@link IllegalArgumentException} names the offending column otherwise.
     */
    public Table(String name, List<? extends Column> columns) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.rows = columns.isEmpty() ? 0 : columns.get(0).size();
        List<String> seen = new ArrayList<>();
        for (Column c : columns) {
            if (c.size() != rows) {
                throw new IllegalArgumentException("table '" + name + "': column '" + c.name() + "' has " + c.size()
                        + " rows, column '" + columns.get(0).name() + "' has " + rows);
            }
            if (seen.contains(c.name())) {
                throw new IllegalArgumentException("table '" + name + "': duplicate column '" + c.name() + "'");
            }
            seen.add(c.name());
        }
    }

    /** The table's name. */
    public String name() {
        return name;
    }

    /** Number of rows (0 for a table with no columns). */
    public int rows() {
        return rows;
    }

    /** The columns, in order (unmodifiable). */
    public List<Column> columns() {
        return columns;
    }

    /** The column names, in order (unmodifiable). */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            out.add(c.name());
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether there is a column called {@code column}. */
    public boolean has(String column) {
        return columns.stream().anyMatch(c -> c.name().equals(column));
    }

    /** The column called {@code column}; an error listing the columns when there is none. */
    public Column column(String column) {
        for (Column c : columns) {
            if (c.name().equals(column)) {
                return c;
            }
        }
        throw new IllegalArgumentException("table '" + name + "' has no column '" + column + "'; columns: " + names());
    }

    /** The numeric column called {@code column}; an error when it is missing or categorical. */
    public NumericColumn numeric(String column) {
        if (column(column) instanceof NumericColumn n) {
            return n;
        }
        throw new IllegalArgumentException("table '" + name + "': column '" + column + "' is categorical, not numeric");
    }

    /** The categorical column called {@code column}; an error when it is missing or numeric. */
    public CategoricalColumn categorical(String column) {
        if (column(column) instanceof CategoricalColumn c) {
            return c;
        }
        throw new IllegalArgumentException("table '" + name + "': column '" + column + "' is numeric, not categorical");
    }

    /** This table with {@code column} replacing the column of the same name, or appended. */
    public Table with(Column column) {
        List<Column> out = new ArrayList<>(columns);
        int at = names().indexOf(column.name());
        if (at >= 0) {
            out.set(at, column);
        } else {
            out.add(column);
        }
        return new Table(name, out);
    }

    /** The rows {@code rowIndices} of every column, in that order (indices may repeat). */
    public Table select(int[] rowIndices) {
        List<Column> out = new ArrayList<>();
        for (Column c : columns) {
            out.add(c.select(rowIndices));
        }
        return new Table(name, out);
    }
}
