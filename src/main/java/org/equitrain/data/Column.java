package org.equitrain.data;

/**
 * One named column of a {@link Table}: numeric ({@code NaN} marks a missing value) or categorical (code {@code -1}
 * marks a missing value). Columns are immutable.
 */
public sealed interface Column permits NumericColumn, CategoricalColumn {
    String name();

    int size();

    boolean isMissing(int row);

    /** The rows {@code rows}, in that order. */
    Column select(int[] rows);

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
