package org.equitrain.data;

/**
 * Describes one column of a dataset's feature matrix: its name, the table column it was encoded from, and its kind.
 * {@link Standardizer} rescales {@link Kind#NUMERIC} features only by default.
 */
public record Feature(String name, String source, Kind kind) {
    /** How a feature was encoded. */
    public enum Kind {
        /** A real-valued column taken as is. */
        NUMERIC,
        /** A 0/1 column: one level of a one-hot encoded categorical column, or a missing-value indicator. */
        INDICATOR,
        /** One pixel of an image. */
        PIXEL
    }
}
