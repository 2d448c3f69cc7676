package org.equitrain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every plot type renders well-formed, deterministic SVG and says what it left out. */
class PlotsTest {
    private static final double NAN = Double.NaN;

    private static String texts(Document doc) {
        StringBuilder b = new StringBuilder();
        var nodes = doc.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < nodes.getLength(); i++) {
            b.append(nodes.item(i).getTextContent()).append('\n');
        }
        return b.toString();
    }

    private static void assertDeterministic(Supplier<Plot> plot) {
        assertEquals(plot.get().svg(), plot.get().svg(), "same input gives the same bytes");
    }

    @Test
    void lineBreaksAtNaNAndNotesIt() {
        Supplier<Plot> plot = () -> new LinePlot().title("loss").xLabel("epoch").yLabel("loss")
                .series("ERM", new double[] {1, 2, 3, 4, 5, 6}, new double[] {1.0, 0.8, NAN, 0.5, 0.45, 0.4})
                .series("FORML", new double[] {1, 2, 3}, new double[] {0.9, 0.7, 0.6},
                        new double[] {0.8, 0.6, 0.5}, new double[] {1.0, 0.8, 0.7});
        Document doc = XmlCheck.parse(plot.get().svg());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        assertEquals(3, XmlCheck.count(doc, "polyline"), "ERM splits in two at the NaN, FORML is one line");
        assertEquals(1, XmlCheck.count(doc, "polygon"), "one confidence band");
        String text = texts(doc);
        assertTrue(text.contains("1 NaN skipped"), text);
        assertTrue(text.contains("epoch") && text.contains("FORML"));
        assertDeterministic(plot);
    }

    @Test
    void referenceCurvesAreDashedLabelledAndWidenTheAxes() {
        Supplier<Plot> plot = () -> new LinePlot().title("ratio").xLabel("n").yLabel("ratio")
                .series("MLE", new double[] {5, 10}, new double[] {0.8, 0.9})
                .reference("target 2", new double[] {5, 10}, new double[] {2, 2})
                .reference("(n−1)/n", new double[] {5, 6, 7, NAN}, new double[] {0.8, 5 / 6.0, 6 / 7.0, 1});
        Document doc = XmlCheck.parse(plot.get().svg());
        var polylines = doc.getElementsByTagNameNS("*", "polyline");
        int dashed = 0;
        for (int i = 0; i < polylines.getLength(); i++) {
            dashed += ((Element) polylines.item(i)).hasAttribute("stroke-dasharray") ? 1 : 0;
        }
        assertEquals(3, polylines.getLength(), "the series and two references");
        assertEquals(2, dashed, "references are dashed, the series is not");
        String text = texts(doc);
        assertTrue(text.contains("target 2") && text.contains("(n−1)/n"), "each reference is labelled: " + text);
        assertTrue(text.contains("\n2\n"), "the y axis reaches the reference at 2: " + text);
        assertFalse(text.contains("NaN skipped"), "a reference adds no legend note");
        assertDeterministic(plot);
    }

    @Test
    void logAxisSkipsNonPositiveValues() {
        String svg = new LinePlot().logY().yLabel("gradient norm")
                .series("norm", new double[] {0, 1, 2, 3}, new double[] {100, 1, 0, 0.01}).svg();
        Document doc = XmlCheck.parse(svg);
        String text = texts(doc);
        assertTrue(text.contains("1 ≤ 0 skipped (log)"), text);
        assertTrue(text.contains("0.01") && text.contains("100"), "decade ticks label the range: " + text);
    }

    @Test
    void emptyPlotsSayNoData() {
        for (Plot p : List.<Plot>of(new LinePlot().series("a", new double[0], new double[0]),
                new LinePlot().series("nan", new double[] {1, 2}, new double[] {NAN, NAN}),
                new ScatterPlot(), new Histogram().series("h", new double[] {NAN}), new BarChart(),
                new ImageGrid())) {
            String text = texts(XmlCheck.parse(p.svg()));
            assertTrue(text.contains("no data") || text.contains("no images"), text);
        }
    }

    @Test
    void scatterWithDiagonalSharesTheRange() {
        Supplier<Plot> plot = () -> new ScatterPlot().diagonal().xLabel("truth").yLabel("estimate")
                .series("train", new double[] {0.1, 0.5, 0.9, NAN}, new double[] {0.12, 0.48, 0.95, 0.3});
        Document doc = XmlCheck.parse(plot.get().svg());
        assertEquals(3 + 1, XmlCheck.count(doc, "circle"), "three points and the legend swatch");
        boolean dashed = false;
        var lines = doc.getElementsByTagNameNS("*", "line");
        for (int i = 0; i < lines.getLength(); i++) {
            dashed |= ((Element) lines.item(i)).hasAttribute("stroke-dasharray");
        }
        assertTrue(dashed, "the y = x line is dashed");
        assertTrue(texts(doc).contains("y = x") && texts(doc).contains("1 NaN skipped"));
        assertDeterministic(plot);
    }

    @Test
    void barsWithErrorBarsAndReferenceLine() {
        Supplier<Plot> plot = () -> new BarChart().title("EO gap").yLabel("TPR difference")
                .categories("ERM", "Reweighing", "FORML")
                .series("adult", new double[] {0.12, 0.05, NAN}, new double[] {0.10, 0.03, NAN},
                        new double[] {0.14, 0.07, NAN})
                .series("compas", new double[] {0.2, 0.1, 0.04})
                .referenceLine(0.0, "no gap");
        Document doc = XmlCheck.parse(plot.get().svg());
        // Bars: 2 finite in "adult", 3 in "compas", plus background and 2 legend boxes.
        assertEquals(5 + 1 + 2, XmlCheck.count(doc, "rect"));
        String text = texts(doc);
        assertTrue(text.contains("n/a") && text.contains("1 NaN skipped") && text.contains("no gap"), text);
        assertDeterministic(plot);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BarChart().categories("a", "b").series("s", new double[] {1}));
        assertTrue(e.getMessage().contains("'s' has 1 values for 2 categories"), e.getMessage());
    }

    @Test
    void longCategoryNamesAreRotated() {
        String svg = new BarChart().size(300, 250)
                .categories("Learning to reweight", "Reweighing (Kamiran-Calders)")
                .series("", new double[] {1, 2}).svg();
        assertTrue(svg.contains("rotate(-35"), "names too wide for their group are turned");
        Document doc = XmlCheck.parse(svg);
        NodeList texts = doc.getElementsByTagNameNS("*", "text");
        Element first = null;
        for (int i = 0; i < texts.getLength(); i++) {
            if (texts.item(i).getTextContent().equals("Learning to reweight")) {
                first = (Element) texts.item(i);
            }
        }
        // The layout reserves room left of the first slanted name for its width at 11 px; drawn larger, it was cut.
        assertEquals("11", first.getAttribute("font-size"));
        double reach = Math.cos(Math.toRadians(35)) * "Learning to reweight".length() * 11 * PlotFrame.GLYPH;
        double x = Double.parseDouble(first.getAttribute("x"));
        assertTrue(x - reach >= 0, "the slanted name starts at " + (x - reach) + " px");
    }

    @Test
    void histogramCountsAndDensity() {
        double[] sample = {0, 0.1, 0.2, 0.9, 1.0, NAN};
        String counts = new Histogram().bins(2).series("x", sample).svg();
        Document doc = XmlCheck.parse(counts);
        String text = texts(doc);
        assertTrue(text.contains("count") && text.contains("1 NaN skipped"), text);
        // Two bins of 3 and 2 values: two filled rects besides the background and legend swatch.
        assertEquals(2 + 2, XmlCheck.count(doc, "rect"));
        String density = new Histogram().bins(2).density().series("x", sample).series("y", new double[] {0.5}).svg();
        assertTrue(texts(XmlCheck.parse(density)).contains("density"));
        assertDeterministic(() -> new Histogram().series("x", sample));
    }

    @Test
    void imageGridEmbedsExactPixels() throws Exception {
        double[] img = {0, 0.5, 1, 0.25}; // row-major 2 x 2
        Supplier<Plot> plot = () -> new ImageGrid().title("samples").scale(40).image(img, 2, 2, "first")
                .image(new double[] {1, NAN, 0, 2}, 2, 2, "second");
        String svg = plot.get().svg();
        Document doc = XmlCheck.parse(svg);
        assertEquals(2, XmlCheck.count(doc, "image"));
        String href = ((Element) doc.getElementsByTagNameNS("*", "image").item(0)).getAttribute("href");
        assertTrue(href.startsWith("data:image/png;base64,"));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(href.substring(href.indexOf(',') + 1))));
        assertEquals(80, png.getWidth(), "2 px wide at scale 40");
        assertEquals(0, png.getRaster().getSample(0, 0, 0), "0 is black");
        assertEquals(128, png.getRaster().getSample(40, 0, 0), "0.5 is mid gray");
        assertEquals(255, png.getRaster().getSample(0, 40, 0), "1 is white");
        assertEquals(64, png.getRaster().getSample(79, 79, 0), "0.25 of white, nearest-neighbour enlarged");
        assertTrue(texts(doc).contains("1 NaN px"), "NaN pixels are counted under the label");
        assertDeterministic(plot);
        assertThrows(IllegalArgumentException.class, () -> new ImageGrid().image(new double[5], 2, 2, "bad"));
    }

    @Test
    void textIsEscaped() {
        String title = "<b>a & \"b\"</b>";
        String svg = new LinePlot().title(title).series("x<y", new double[] {1}, new double[] {1}).svg();
        assertFalse(svg.contains("<b>"));
        String text = texts(XmlCheck.parse(svg));
        assertTrue(text.contains(title) && text.contains("x<y"), "escaped text reads back unchanged");
    }

    @Test
    void mismatchedSeriesNameTheArrays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinePlot().series("FORML", new double[3], new double[2]));
        assertEquals("line plot series 'FORML': x has 3 values but y has 2", e.getMessage());
    }
}
