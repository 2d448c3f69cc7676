package org.equitrain.data;

/**
 * What {@link TableEncoder} does with missing values. Rows with a missing label, group or target are always dropped
 * (they cannot be used for training or fairness metrics); the policies differ for missing feature cells.
 */
public enum NaPolicy {
    /** Drop every row with a missing value in any used column (the default; the count goes into provenance). */
    DROP_ROWS,
    /**
     * Keep the rows: a categorical column with missing cells gets a level {@code NA} in its one-hot encoding; a
     * numeric column with missing cells keeps NaN there and gains a 0/1 indicator feature {@code column:NA}. The NaN
     * cells become the training mean when a {@link Standardizer} (fitted on training rows) is applied.
     */
    INDICATOR
}
