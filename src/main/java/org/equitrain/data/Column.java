package org.equitrain.data;

/**
 * One named column of a {@link Table}: numeric ({@code NaN} marks a missing value) or categorical (code {@code -1}
 * marks a missing value). Columns are immutable.
 */
public sealed interface Column permits NumericColumn, CategoricalColumn {
    /** The column's name, unique within its {@link Table}. */
    String name();

    /** Number of rows. */
    int size();

    /** Whether {@code row} holds a missing value. */
    boolean isMissing(int row);

    /** The rows {@code rows}, in that order. */
    Column select(int[] rows);

    /** The same cells under another name. */
    Column renamed(String newName);

    /** Number of missing cells. */
    default int missingCount() {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (isMissing(i)) {
                n++;
            }
        }
        return n;
    }
}
