package org.equitrain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The HTML report is one well-formed, self-contained file; tables format numbers by column; text is escaped. */
class ReportTest {

    private static Provenance provenance() {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("train", 30162L);
        rows.put("test", 15060L);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("mode", "quick");
        options.put("base_seed", 0L);
        return new Provenance("forml-adult", List.of(0L, 1L, 2L), List.of(new Provenance.Dataset("adult", rows)),
                options, "0.1.0", "17.0.15", "JNIBLAS", Instant.parse("2025-01-02T03:04:05Z"), 12.34);
    }

    private static Report sample() {
        return new Report("FORML on Adult").provenance(provenance())
                .heading("Results")
                .paragraph("<script>alert(\"x\") & co</script>")
                .warning("group 'a<b' has no positive labels")
                .summary(Map.of("rows", 45222, "accuracy", 0.84123))
                .table(Table.of("method", "accuracy").row("ERM", SeedSummary.of(0.81, 0.83, 0.82)))
                .figure(new LinePlot().series("ERM", new double[] {1, 2}, new double[] {0.5, 0.6}), "a & b");
    }

    @Test
    void wholePageIsWellFormedXml() {
        Document doc = XmlCheck.parse(sample().html());
        assertEquals("html", doc.getDocumentElement().getTagName());
        assertEquals(1, doc.getElementsByTagName("style").getLength());
        assertEquals(0, doc.getElementsByTagName("script").getLength(), "escaped text never becomes markup");
        assertEquals(1, XmlCheck.count(doc, "svg"));
        assertEquals("FORML on Adult", doc.getElementsByTagName("h1").item(0).getTextContent());
    }

    @Test
    void textIsEscapedAndReadsBack() {
        String html = sample().html();
        assertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;) &amp; co&lt;/script&gt;"));
        Document doc = XmlCheck.parse(html);
        NodeList ps = doc.getElementsByTagName("p");
        assertEquals("<script>alert(\"x\") & co</script>", ps.item(0).getTextContent());
        assertEquals("group 'a<b' has no positive labels", ps.item(1).getTextContent());
        assertEquals("a & b", doc.getElementsByTagName("figcaption").item(0).getTextContent());
    }

    @Test
    void selfContained() {
        String html = sample().html();
        String withoutSvgNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(withoutSvgNamespace.contains("http:") || withoutSvgNamespace.contains("https:"),
                "nothing is fetched from the network");
        assertFalse(html.contains("<link") || html.contains("src=") || html.contains("@import"));
    }

    @Test
    void provenanceSitsUnderTheTitle() {
        Document doc = XmlCheck.parse(sample().html());
        Element section = (Element) doc.getElementsByTagName("section").item(0);
        String text = section.getTextContent();
        assertTrue(text.contains("forml-adult"), text);
        assertTrue(text.contains("adult — train 30,162 · test 15,060"), text);
        assertTrue(text.contains("equitrain 0.1.0 · Java 17.0.15 · BLAS JNIBLAS"), text);
        assertTrue(text.contains("2025-01-02T03:04:05Z · 12.3 s wall clock"), text);
        assertTrue(text.contains("0, 1, 2"), text);
        assertTrue(text.contains("Optionsmode quick · base seed 0"), "options in the order recorded: " + text);
    }

    @Test
    void tableColumnsShareDecimals() {
        Table t = Table.of("method", "accuracy", "gap", "n", "p").caption("95% intervals")
                .row("ERM", new Estimate(0.84123, 0.83, 0.85), 0.12, 30162, 0.5)
                .row("FORML", Estimate.plusMinus(0.9, 0.01), 0.00001, 15060L, 1e-9)
                .row("none", null, Double.NaN, 0, null)
                .row("nan", new Estimate(Double.NaN, 0.1, 0.2), Double.POSITIVE_INFINITY, 1, Double.NaN);
        Document doc = XmlCheck.parse(t.html());
        NodeList td = doc.getElementsByTagName("td");
        assertEquals("0.8412 [0.8300, 0.8500]", td.item(1).getTextContent());
        assertEquals("0.1200", td.item(2).getTextContent());
        assertEquals("30162", td.item(3).getTextContent(), "whole numbers stay whole");
        assertEquals("0.9000 [0.8900, 0.9100]", td.item(6).getTextContent());
        assertEquals("1e-5", td.item(7).getTextContent(), "a non-zero value never reads as 0.0000");
        assertEquals("1e-9", td.item(9).getTextContent());
        assertEquals("—", td.item(11).getTextContent());
        assertEquals("n/a", td.item(12).getTextContent(), "an undefined value reads as n/a, not NaN");
        assertEquals("n/a", td.item(16).getTextContent(), "an undefined estimate shows no interval");
        assertEquals("∞", td.item(17).getTextContent());
        assertEquals("n/a", td.item(19).getTextContent(), "in any column");
        assertEquals("num", ((Element) td.item(1)).getAttribute("class"));
        assertEquals("95% intervals", doc.getElementsByTagName("caption").item(0).getTextContent());
    }

    @Test
    void plusMinusStyleForSymmetricIntervals() {
        Table t = Table.of("metric", "value").intervals(Table.IntervalStyle.PLUS_MINUS).digits(3)
                .row("sym", Estimate.plusMinus(0.5, 0.02))
                .row("asym", new Estimate(0.5, 0.4, 0.55));
        NodeList td = XmlCheck.parse(t.html()).getElementsByTagName("td");
        assertEquals("0.500 ± 0.020", td.item(1).getTextContent());
        assertEquals("0.500 [0.400, 0.550]", td.item(3).getTextContent(), "± would misstate an asymmetric interval");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.row("short"));
        assertTrue(e.getMessage().contains("row 3 has 1 cells for 2 columns"), e.getMessage());
    }

    @Test
    void writesAtomicallyAndIndexLinksRelatively(@TempDir Path dir) throws Exception {
        Path reportFile = dir.resolve("forml adult/report.html");
        Report report = sample();
        report.write(reportFile);
        assertEquals(report.html(), Files.readString(reportFile, StandardCharsets.UTF_8));
        Path index = dir.resolve("index.html");
        new IndexPage("equitrain reproduce").intro("Two experiments.")
                .report("FORML on Adult", reportFile, "accuracy 0.84 [0.83, 0.85]")
                .failed("MPE", "dataset not cached & offline")
                .write(index);
        Document doc = XmlCheck.parse(Files.readString(index));
        Element link = (Element) doc.getElementsByTagName("a").item(0);
        assertEquals("forml%20adult/report.html", link.getAttribute("href"));
        assertTrue(doc.getDocumentElement().getTextContent().contains("failed: dataset not cached & offline"));
    }
}
