package org.equitrain.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table for a {@link Report}. Cells may be text, numbers, {@link Estimate}s (a value with an interval),
 * {@link SeedSummary}s (shown as mean with interval) or null. Floating-point columns share their number of decimals
 * ({@link #digits} significant digits of the column's largest value) so they line up.
 *
 * <pre>{@code
 * Table t = Table.of("method", "accuracy", "EO gap").caption("Adult, 5 seeds, 95% t intervals")
 *         .row("ERM", erm.accuracy(), erm.gap())
 *         .row("FORML", Estimate.plusMinus(0.842, 0.004), 0.031);
 * }</pre>
 */
public final class Table {
    /** How an interval is written: "v [lo, hi]" or "v ± h" (asymmetric intervals always use brackets). */
    public enum IntervalStyle {
        /** {@code v [lo, hi]}. */
        BRACKETS,
        /** {@code v ± h} where the interval is symmetric. */
        PLUS_MINUS
    }

    private final List<String> columns;
    private final List<Object[]> rows = new ArrayList<>();
    private String caption = "";
    private IntervalStyle style = IntervalStyle.BRACKETS;
    private int digits = 4;

    private Table(List<String> columns) {
        this.columns = columns;
    }

    /** A table with these column headings. */
    public static Table of(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        return new Table(List.of(columns));
    }

    /** Appends a row with one cell per column. */
    public Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("table row " + (rows.size() + 1) + " has " + cells.length
                    + " cells for " + columns.size() + " columns " + columns);
        }
        rows.add(cells.clone());
        return this;
    }

    /** A caption under the table (default none). */
    public Table caption(String caption) {
        this.caption = caption;
        return this;
    }

    /** How intervals are written (default brackets). */
    public Table intervals(IntervalStyle style) {
        this.style = style;
        return this;
    }

    /** Significant digits shown for the largest value of each floating-point column (default 4). */
    public Table digits(int significant) {
        if (significant < 1 || significant > 12) {
            throw new IllegalArgumentException("digits must be between 1 and 12, got " + significant);
        }
        this.digits = significant;
        return this;
    }

    /** The table as an HTML element. */
    String html() {
        int n = columns.size();
        CellText[] text = new CellText[n];
        boolean[] numeric = new boolean[n];
        for (int c = 0; c < n; c++) {
            List<Object> column = new ArrayList<>();
            boolean allNumeric = !rows.isEmpty();
            for (Object[] r : rows) {
                column.add(r[c]);
                allNumeric &= r[c] == null || CellText.isNumeric(r[c]);
            }
            text[c] = CellText.forColumn(column, digits, style);
            numeric[c] = allNumeric;
        }
        StringBuilder b = new StringBuilder("<table class=\"data\">");
        if (!caption.isEmpty()) {
            b.append("<caption>").append(Xml.escape(caption)).append("</caption>");
        }
        b.append("<thead><tr>");
        for (int c = 0; c < n; c++) {
            b.append(numeric[c] ? "<th class=\"num\">" : "<th>").append(Xml.escape(columns.get(c))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (Object[] r : rows) {
            b.append("<tr>");
            for (int c = 0; c < n; c++) {
                b.append(numeric[c] || CellText.isNumeric(r[c]) ? "<td class=\"num\">" : "<td>")
                        .append(Xml.escape(text[c].format(r[c]))).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    @Override
    public String toString() {
        return "Table" + columns + " with " + rows.size() + " rows" + (caption.isEmpty() ? "" : ": " + caption);
    }
}
