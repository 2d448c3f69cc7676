package org.equitrain.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.equitrain.io.AtomicFiles;

/**
 * An experiment's report: ONE self-contained HTML file (inline CSS, figures as inline SVG, no scripts, nothing
 * fetched), readable offline and well-formed as XML. Blocks appear in the order added; provenance always sits
 * under the title. All text is escaped.
 *
 * <pre>{@code
 * new Report("FORML on Adult").provenance(results.provenance())
 *         .heading("Accuracy and fairness")
 *         .paragraph("Five seeds; 95% Student-t intervals.")
 *         .table(table)
 *         .figure(new LinePlot().title("Test accuracy").series("FORML", epochs, acc), "Mean over seeds.")
 *         .write(outDir.resolve("report.html"));
 * }</pre>
 */
public final class Report {
    private final String title;
    private final List<String> blocks = new ArrayList<>();
    private Provenance provenance;

    /** An empty report with this title (escaped like all text). */
    public Report(String title) {
        this.title = title;
    }

    /** Where the results came from; shown under the title. */
    public Report provenance(Provenance provenance) {
        this.provenance = provenance;
        return this;
    }

    /** A section heading. */
    public Report heading(String text) {
        blocks.add("<h2>" + Xml.escape(text) + "</h2>");
        return this;
    }

    /** A heading inside a section. */
    public Report subheading(String text) {
        blocks.add("<h3>" + Xml.escape(text) + "</h3>");
        return this;
    }

    /** A paragraph of plain text. */
    public Report paragraph(String text) {
        blocks.add("<p>" + Xml.escape(text) + "</p>");
        return this;
    }

    /** A highlighted note, for results a reader must not miss (e.g. "group X has no positive labels"). */
    public Report warning(String text) {
        blocks.add("<p class=\"warning\">" + Xml.escape(text) + "</p>");
        return this;
    }

    /**
     * Key–value pairs, values formatted like table cells (numbers to 4 significant digits); in the map's order when
     * it has one (LinkedHashMap, SortedMap), else sorted by key.
     */
    public Report summary(Map<String, ?> keyValues) {
        StringBuilder b = new StringBuilder("<table class=\"summary\"><tbody>");
        StableOrder.copy(keyValues).forEach((k, v) -> b.append("<tr><th>").append(Xml.escape(k)).append("</th>")
                .append(CellText.isNumeric(v) ? "<td class=\"num\">" : "<td>")
                .append(Xml.escape(CellText.single(v, 4))).append("</td></tr>"));
        blocks.add(b.append("</tbody></table>").toString());
        return this;
    }

    /** A {@link Table}, rendered now: rows added to it later do not appear. */
    public Report table(Table table) {
        blocks.add(table.html());
        return this;
    }

    /** A figure with a caption (may be empty). */
    public Report figure(Plot plot, String caption) {
        String cap = caption.isEmpty() ? "" : "<figcaption>" + Xml.escape(caption) + "</figcaption>";
        blocks.add("<figure>" + plot.svg() + cap + "</figure>");
        return this;
    }

    /** The whole page. */
    public String html() {
        StringBuilder body = new StringBuilder();
        if (provenance != null) {
            body.append(provenanceHtml(provenance)).append('\n');
        }
        for (String block : blocks) {
            body.append(block).append('\n');
        }
        return HtmlPage.page(title, body.toString());
    }

    /** Writes the page atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, html());
    }

    private static String provenanceHtml(Provenance p) {
        StringBuilder b = new StringBuilder("<section class=\"provenance\"><table><tbody>");
        row(b, "Experiment", p.experiment());
        row(b, "Seeds", p.seeds().isEmpty() ? "—" : p.seeds().stream().map(String::valueOf)
                .collect(Collectors.joining(", ")));
        for (Provenance.Dataset d : p.datasets()) {
            StringBuilder rows = new StringBuilder(d.name());
            String sep = " — ";
            for (Map.Entry<String, Long> e : d.rows().entrySet()) {
                rows.append(sep).append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%,d", e.getValue()));
                sep = " · ";
            }
            row(b, "Dataset", rows.toString());
        }
        if (!p.options().isEmpty()) {
            row(b, "Options", p.options().entrySet().stream().map(e -> e.getKey().replace('_', ' ') + " "
                    + e.getValue()).collect(Collectors.joining(" · ")));
        }
        row(b, "Software", "equitrain " + p.equitrainVersion() + " · Java " + p.javaVersion() + " · BLAS " + p.blas());
        row(b, "Run", p.timestamp() + " · " + wallClock(p.wallSeconds()) + " wall clock");
        return b.append("</tbody></table></section>").toString();
    }

    private static String wallClock(double seconds) {
        return seconds < 60 ? String.format(Locale.ROOT, "%.1f s", seconds) : NumberText.duration(seconds);
    }

    private static void row(StringBuilder b, String key, String value) {
        b.append("<tr><th>").append(Xml.escape(key)).append("</th><td>").append(Xml.escape(value)).append("</td></tr>");
    }
}
