package org.equitrain.report;

/**
 * One legend row: a swatch in the series colour, its label, and an optional note on a second line about points
 * left out (e.g. "2 NaN skipped"); the note is empty when nothing was left out.
 */
record LegendEntry(String label, String note, String color, Swatch swatch) {
    enum Swatch { LINE, POINT, BOX, DASHED }
}
