package org.equitrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import javax.xml.parsers.DocumentBuilderFactory;
import org.equitrain.fairness.metrics.AggregateMethod;
import org.equitrain.fairness.metrics.Audit;
import org.equitrain.fairness.metrics.Disparities;
import org.equitrain.fairness.metrics.FrameInput;
import org.equitrain.fairness.metrics.Group;
import org.equitrain.fairness.metrics.MetricFrame;
import org.equitrain.fairness.metrics.OddsAgg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** {@code equitrain audit} end to end on a temporary CSV, and its error paths. */
class AuditCommandTest {
    @TempDir
    Path dir;

    /** Result of one command line: exit code, stdout, stderr. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        return capture(() -> Main.run(args));
    }

    /** Runs {@code command} with System.out and System.err captured. */
    static Run capture(IntSupplier command) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = command.getAsInt();
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** A table of 300 rows with sex × race groups; returns the arrays it wrote. */
    private static final class Table {
        final int n = 300;
        final int[] y = new int[n];
        final int[] p = new int[n];
        final double[] s = new double[n];
        final String[] sex = new String[n];
        final String[] race = new String[n];

        Table() {
            SplittableRandom rng = new SplittableRandom(17);
            for (int i = 0; i < n; i++) {
                sex[i] = rng.nextBoolean() ? "F" : "M";
                race[i] = rng.nextInt(3) == 0 ? "black, other" : "white"; // a level with a comma: quoted in CSV
                y[i] = rng.nextDouble() < (sex[i].equals("F") ? 0.4 : 0.6) ? 1 : 0;
                s[i] = Math.round(1000 * Math.min(1, 0.4 * y[i] + 0.6 * rng.nextDouble())) / 1000.0;
                p[i] = s[i] > 0.5 ? 1 : 0;
            }
        }

        Path write(Path file) throws IOException {
            StringBuilder b = new StringBuilder("id,sex,race,label,pred,score\n");
            for (int i = 0; i < n; i++) {
                b.append(i).append(',').append(sex[i]).append(",\"").append(race[i]).append("\",").append(y[i])
                        .append(',').append(p[i]).append(',').append(s[i]).append('\n');
            }
            return Files.writeString(file, b.toString());
        }

        FrameInput input() {
            return FrameInput.builder().yTrue(y).yPred(p).scores(s).sensitive("sex", sex).sensitive("race", race)
                    .build();
        }
    }

    @Test
    void writesTableJsonAndReportWhoseValuesMatchTheMetricFrame() throws IOException {
        Table t = new Table();
        Path csv = t.write(dir.resolve("preds.csv"));
        Path out = dir.resolve("audit");
        Run r = run("audit", "--data", csv.toString(), "--label", "label", "--pred", "pred", "--score", "score",
                "--group", "sex,race", "--out", out.toString(), "--n-boot", "50", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("bootstrap resamples 100% 50/50"), r.err());
        assertTrue(Files.isRegularFile(out.resolve("metrics.json")));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertTrue(r.out().contains("sex=F, race=black, other"), r.out());
        assertTrue(r.out().contains("demographic_parity_difference"), r.out());

        // the JSON agrees with a MetricFrame computed here from the same arrays
        MetricFrame mf = MetricFrame.of(t.input(), Audit.metrics(true));
        Disparities d = Disparities.of(t.input());
        JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(300, json.at("/data/rows").asInt());
        assertEquals(3, json.at("/options/seed").asLong());
        for (String m : List.of("selection_rate", "true_positive_rate", "false_positive_rate", "accuracy", "auc")) {
            JsonNode node = json.get("metrics").get(m);
            assertEquals(mf.overall(m), node.at("/overall/value").asDouble(), 1e-12, m);
            for (Group g : mf.groups()) {
                JsonNode v = node.get("by_group").get(g.name());
                assertEquals(mf.value(m, g), v.get("value").asDouble(), 1e-12, m + " " + g);
                assertTrue(v.get("ci_low").asDouble() <= v.get("ci_high").asDouble());
                assertEquals(50, v.get("ci_replicates").asInt() + v.get("ci_dropped").asInt());
            }
            assertEquals(mf.difference(m, AggregateMethod.TO_OVERALL).value(),
                    node.at("/difference_to_overall/value").asDouble(), 1e-12, m);
        }
        assertEquals(d.equalizedOddsDifference(OddsAgg.WORST_CASE).value(),
                json.at("/disparities/equalized_odds_difference/value").asDouble(), 1e-12);
        assertEquals(d.demographicParityRatio().value(),
                json.at("/disparities/demographic_parity_ratio/value").asDouble(), 1e-12);
        assertEquals(4, json.get("groups").size());
        assertEquals(0, json.get("empty_intersections").size());

        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("sex=F, race=black, other (n="), "report has bar charts");
        assertTrue(html.contains("stroke-dasharray"), "report marks the overall value");
        Document page = xml(html); // the shared Report writes well-formed XHTML
        assertEquals(Audit.metrics(true).size() - 1, page.getElementsByTagName("figure").getLength(),
                "a chart per metric but count");
        assertEquals(1, page.getElementsByTagName("section").getLength(), "provenance under the title");
        var titles = page.getElementsByTagName("title"); // the page's, then each chart's
        for (int i = 1; i < titles.getLength(); i++) {
            assertTrue(titles.item(i).getTextContent().endsWith(" by group"), "a chart names its metric: "
                    + titles.item(i).getTextContent());
        }
        var charts = page.getElementsByTagName("svg");
        for (int i = 0; i < charts.getLength(); i++) {
            assertTrue(texts(charts.item(i)).contains("sex × race"), "the x axis names the group columns: "
                    + texts(charts.item(i)));
        }
        assertTrue(html.contains("equalized_odds_difference") && html.contains("95% bootstrap percentile, 50"
                + " resamples, seed 3"), "disparities and interval settings");

        // the same seed reproduces the file byte for byte
        Path again = dir.resolve("again");
        assertEquals(0, run("audit", "--data", csv.toString(), "--label", "label", "--pred", "pred", "--score",
                "score", "--group", "sex,race", "--out", again.toString(), "--n-boot", "50", "--seed", "3").code());
        assertEquals(Files.readString(out.resolve("metrics.json")), Files.readString(again.resolve("metrics.json")));
    }

    /** The text elements of an SVG chart, in order. */
    private static List<String> texts(Node svg) {
        NodeList texts = ((Element) svg).getElementsByTagName("text");
        return java.util.stream.IntStream.range(0, texts.getLength()).mapToObj(i -> texts.item(i).getTextContent())
                .toList();
    }

    private static Document xml(String markup) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(markup)));
        } catch (Exception e) {
            throw new AssertionError("report.html is not well-formed: " + e.getMessage(), e);
        }
    }

    @Test
    void undefinedValuesAreNullWithReasonAndAWarning() throws IOException {
        // group b has no positive labels: its TPR is undefined
        Path csv = Files.writeString(dir.resolve("t.csv"), "g,y,p\na,1,1\na,0,1\na,1,0\nb,0,0\nb,0,1\n");
        Path out = dir.resolve("o");
        Run r = run("audit", "--data", csv.toString(), "--label", "y", "--pred", "p", "--group", "g", "--out",
                out.toString(), "--n-boot", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: true_positive_rate is NaN: group 'b' has no positive labels"), r.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        JsonNode tprB = json.at("/metrics/true_positive_rate/by_group/b");
        assertTrue(tprB.get("value").isNull());
        assertEquals("group 'b' has no positive labels", tprB.get("reason").asText());
        assertTrue(json.at("/disparities/equal_opportunity_difference/value").isNull());
        assertFalse(json.at("/disparities/equal_opportunity_difference").has("ci_low")); // --n-boot 0: none
    }

    @Test
    void anEmptyIntersectionIsNotAGroupButIsWarnedAboutAndListedWithItsReason() throws IOException {
        StringBuilder b = new StringBuilder("label,pred,sex,race\n");
        for (String sex : List.of("F", "M")) {
            for (String race : List.of("a", "b", "c")) {
                if (!(sex.equals("F") && race.equals("c"))) {
                    b.append("1,1,").append(sex).append(',').append(race).append("\n0,1,").append(sex).append(',')
                            .append(race).append('\n');
                }
            }
        }
        Path csv = Files.writeString(dir.resolve("t.csv"), b.toString());
        Path out = dir.resolve("o");
        Run r = run("audit", "--data", csv.toString(), "--label", "label", "--pred", "pred", "--group", "sex,race",
                "--out", out.toString(), "--n-boot", "20");
        assertEquals(0, r.code(), r.err());
        String reason = "intersection 'sex=F, race=c' has no rows, so it is not a group and has no metrics";
        assertTrue(r.err().contains("warning: " + reason + "\n"), r.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(5, json.get("groups").size());
        assertFalse(json.at("/metrics/accuracy/by_group").has("sex=F, race=c"), "an empty intersection has no values");
        JsonNode empty = json.get("empty_intersections");
        assertEquals(1, empty.size());
        assertEquals("sex=F, race=c", empty.at("/0/name").asText());
        assertEquals("{\"sex\":\"F\",\"race\":\"c\"}", empty.at("/0/levels").toString());
        assertEquals(reason, empty.at("/0/reason").asText());
        assertEquals(1, json.get("empty_intersection_count").asLong());
        assertTrue(json.get("warnings").toString().contains(reason));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Empty intersections (no rows, so not groups, and no metrics): sex=F, race=c."),
                html);
    }

    @Test
    void skippingTheOnlyOtherGroupLeavesTheDisparityUndefined() throws IOException {
        Path csv = Files.writeString(dir.resolve("t.csv"), "g,y,p\na,1,1\na,0,1\na,1,0\nb,0,0\nb,0,1\n");
        Path out = dir.resolve("o");
        Run r = run("audit", "--data", csv.toString(), "--label", "y", "--pred", "p", "--group", "g", "--out",
                out.toString(), "--n-boot", "0", "--nan-policy", "skip");
        assertEquals(0, r.code(), r.err());
        String reason = "only group 'a' has a defined true_positive_rate (group 'b' has no positive labels)";
        assertTrue(r.err().contains("warning: equal_opportunity_difference is NaN: " + reason), r.err());
        assertTrue(r.out().matches("(?s).*equal_opportunity_ratio +NaN\n.*"), r.out());
        JsonNode eo = new ObjectMapper().readTree(out.resolve("metrics.json").toFile())
                .at("/disparities/equal_opportunity_difference");
        assertTrue(eo.get("value").isNull());
        assertEquals(reason, eo.get("reason").asText());
        assertEquals("b", eo.at("/skipped/0").asText());
    }

    @Test
    void aGroupColumnWithOneValueIsWarnedAboutAndHasNoDisparity() throws IOException {
        Path csv = Files.writeString(dir.resolve("t.csv"), "y,yhat,g\n1,1,a\n0,1,a\n1,0,a\n0,0,a\n");
        Run r = run("audit", "--data", csv.toString(), "--label", "y", "--pred", "yhat", "--group", "g", "--out",
                dir.resolve("o").toString(), "--n-boot", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: sensitive column 'g' has one value, 'a': differences and ratios"
                + " between groups are undefined"), r.err());
        assertTrue(r.out().matches("(?s).*demographic_parity_difference +NaN\n.*"), r.out());
    }

    @Test
    void aMissingColumnIsAnErrorNamingIt() throws IOException {
        Path csv = Files.writeString(dir.resolve("t.csv"), "g,y,p\na,1,1\nb,0,0\n");
        Run r = run("audit", "--data", csv.toString(), "--label", "y", "--pred", "p", "--group", "g,race",
                "--out", dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertEquals("error: column 'race' not found in " + csv + "; its columns are g, y, p", r.err().strip());
        assertFalse(Files.exists(dir.resolve("o/metrics.json")));
    }

    @Test
    void aPredictionThatIsANumberButNoClassIsAnErrorNamingColumnAndLine() throws IOException {
        Path csv = Files.writeString(dir.resolve("t.csv"), "g,y,p\na,1,1\nb,0,0.7\n");
        Run r = run("audit", "--data", csv.toString(), "--label", "y", "--pred", "p", "--group", "g",
                "--out", dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertEquals("error: " + csv + ":3:3: expected a class label (a non-negative integer, or a name that is not a"
                + " number) in column 'p', found '0.7'", r.err().strip());
        assertFalse(Files.exists(dir.resolve("o/metrics.json")));
    }

    @Test
    void aPredictionThatIsANameWhereTheLabelsAreClassIndicesIsAnErrorNamingColumnAndLine() throws IOException {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "label,pred,sex\n1,1,F\n0,yes,M\n1,0,F\n");
        Run r = run("audit", "--data", csv.toString(), "--label", "label", "--pred", "pred", "--group", "sex",
                "--out", dir.resolve("o").toString());
        assertEquals(1, r.code(), r.err());
        assertEquals("error: " + csv + ":3:2: expected a class index like the labels in column 'label' (0, 1, ...),"
                + " found 'yes' in column 'pred'", r.err().strip());
        assertFalse(Files.exists(dir.resolve("o/metrics.json")));
    }

    @Test
    void badOptionValuesAndMissingFilesAreClearErrors() throws IOException {
        Run r = run("audit", "--data", dir.resolve("none.csv").toString(), "--label", "y", "--pred", "p",
                "--group", "g", "--out", dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertEquals("error: data file '" + dir.resolve("none.csv") + "' does not exist", r.err().strip());
        Run folder = run("audit", "--data", dir.toString(), "--label", "y", "--pred", "p", "--group", "g",
                "--out", dir.resolve("o").toString());
        assertEquals("error: data file '" + dir + "' is a folder, not a CSV file", folder.err().strip());
        Path csv = Files.writeString(dir.resolve("t.csv"), "g,y,p\na,1,1\nb,0,0\n");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("--nan-policy", "error: --nan-policy: 'ignore' is not one of propagate, skip");
        bad.put("--stratify", "error: --stratify: 'ignore' is not one of group, none");
        bad.put("--method", "error: --method: 'ignore' is not one of between_groups, to_overall");
        bad.put("--n-boot", "error: --n-boot must be 0 or more, got -1");
        bad.put("--min-group-size", "error: --min-group-size must be 1 or more, got -1");
        bad.put("--level", "error: --level must lie strictly between 0 and 1, got 1.5");
        Map<String, String> value = Map.of("--n-boot", "-1", "--min-group-size", "-1", "--level", "1.5");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Run b = run("audit", "--data", csv.toString(), "--label", "y", "--pred", "p", "--group", "g",
                    "--out", dir.resolve("o").toString(), e.getKey(), value.getOrDefault(e.getKey(), "ignore"));
            assertEquals(1, b.code(), e.getKey());
            assertEquals(e.getValue(), b.err().strip());
        }
        assertEquals(2, run("audit", "--data", csv.toString()).code()); // usage error: required options missing
    }

    @Test
    void aGroupColumnIsNamedOnceAndIsNotTheLabel() throws IOException {
        Path csv = Files.writeString(dir.resolve("t.csv"), "g,y,p\na,1,1\nb,0,0\n");
        Run twice = run("audit", "--data", csv.toString(), "--label", "y", "--pred", "p", "--group", "g,g",
                "--out", dir.resolve("o").toString());
        assertEquals(1, twice.code());
        assertEquals("error: --group g,g: column 'g' is named twice", twice.err().strip());
        Run label = run("audit", "--data", csv.toString(), "--label", "y", "--pred", "p", "--group", "y",
                "--out", dir.resolve("o").toString());
        assertEquals(1, label.code());
        assertEquals("error: --group y: column 'y' is the --label column; a group column is a sensitive attribute,"
                + " not one the audit measures", label.err().strip());
    }

    @Test
    void aBadOutFolderIsReportedBeforeTheDataIsRead() throws IOException {
        Path csv = Files.writeString(dir.resolve("t.csv"), "g,y,p\na,1,1\nb,0,0.5\n"); // line 3 is bad too
        Path file = Files.writeString(dir.resolve("taken"), "");
        Run r = run("audit", "--data", csv.toString(), "--label", "y", "--pred", "p", "--group", "g",
                "--out", file.toString());
        assertEquals(1, r.code());
        assertEquals("error: --out " + file + ": exists and is not a folder", r.err().strip());
    }

    @Test
    void bootstrapCountsWhoseValuesCannotFitAreRefusedNamingTheOption() throws IOException {
        Path csv = Files.writeString(dir.resolve("t.csv"), "g,y,p\na,1,1\na,0,1\nb,0,0\nb,1,0\n");
        Run r = run("audit", "--data", csv.toString(), "--label", "y", "--pred", "p", "--group", "g",
                "--out", dir.resolve("o").toString(), "--n-boot", "100000000");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().strip().matches("error: --n-boot 100000000: keeping \\d+ statistics of 100000000"
                + " resamples needs [0-9.]+ GiB, more than half of the [0-9.]+ GiB of free heap; at most \\d+"
                + " resamples fit \\(or raise the heap, e.g. EQUITRAIN_HEAP=16g\\)"), r.err());
        assertFalse(Files.exists(dir.resolve("o/metrics.json")));
    }

    @Test
    void classNamesAreReadForLabelsPredictionsAndTheFavourableClass() throws IOException {
        Path csv = Files.writeString(dir.resolve("t.csv"), "y,yhat,g\nbird,bird,a\ncat,cat,a\ndog,cat,a\n"
                + "cat,dog,b\ndog,dog,b\nbird,cat,b\n");
        Path out = dir.resolve("o");
        Run r = run("audit", "--data", csv.toString(), "--label", "y", "--pred", "yhat", "--group", "g",
                "--out", out.toString(), "--n-boot", "0", "--favourable", "cat");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("favourable label cat (3 classes; disparities one-vs-rest, worst)"), r.out());
        // selection rate of cat: a 2/3, b 1/3
        assertTrue(r.out().contains("a              3      0.667"), r.out());
        JsonNode data = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("data");
        assertEquals("cat", data.get("favourable_class").asText());
        assertEquals("[\"bird\",\"cat\",\"dog\"]", data.get("class_names").toString());
        Run bad = run("audit", "--data", csv.toString(), "--label", "y", "--pred", "yhat", "--group", "g",
                "--out", out.toString(), "--n-boot", "0", "--favourable", "fish");
        assertEquals("error: --favourable 'fish' is not a class; the classes are bird, cat, dog", bad.err().strip());
    }

    @Test
    void scoresAddTheirMetricsToTheTerminalTable() throws IOException {
        Table t = new Table();
        Path csv = t.write(dir.resolve("preds.csv"));
        Run r = run("audit", "--data", csv.toString(), "--label", "label", "--pred", "pred", "--score", "score",
                "--group", "sex", "--out", dir.resolve("o").toString(), "--n-boot", "0");
        assertEquals(0, r.code(), r.err());
        MetricFrame mf = MetricFrame.of(FrameInput.builder().yTrue(t.y).yPred(t.p).scores(t.s)
                .sensitive("sex", t.sex).build(), Audit.metrics(true));
        String header = r.out().lines().filter(l -> l.startsWith("group")).findFirst().orElseThrow();
        assertTrue(header.endsWith("accuracy   log loss        AUC        ECE"), header);
        String overall = r.out().lines().filter(l -> l.startsWith("overall")).findFirst().orElseThrow();
        assertTrue(overall.endsWith(String.format(java.util.Locale.ROOT, "%10.3f %10.3f %10.3f",
                mf.overall("log_loss"), mf.overall("auc"), mf.overall("calibration_error"))), overall);
    }
}
