package org.equitrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.equitrain.nn.Params;
import org.equitrain.nn.train.Checkpoint;
import org.equitrain.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code equitrain train} end to end on a small synthetic CSV, and its error paths. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private Path csv() throws IOException {
        return toyCsv(dir, "toy.csv", "", i -> "");
    }

    /**
     * A 240-row table x1, x2, x3 (numbers), grp (A, or B every fourth row), y (0/1 from x1, x2 and noise in B) and
     * more columns: {@code extra} gives row i's fields, each with a leading comma.
     */
    static Path toyCsv(Path dir, String name, String extraHeader, IntFunction<String> extra) throws IOException {
        SplittableRandom rng = new SplittableRandom(1);
        StringBuilder b = new StringBuilder("x1,x2,x3,grp,y" + extraHeader + "\n");
        for (int i = 0; i < 240; i++) {
            String g = i % 4 == 3 ? "B" : "A";
            double x1 = rng.nextGaussian();
            double x2 = rng.nextGaussian();
            double x3 = rng.nextGaussian() + (g.equals("B") ? 1 : 0);
            int y = x1 + 0.5 * x2 + (g.equals("B") ? 0.7 * rng.nextGaussian() : 0) > 0 ? 1 : 0;
            b.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%s,%d", x1, x2, x3, g, y)).append(extra.apply(i))
                    .append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, b.toString());
        return file;
    }

    @Test
    void formlWritesCheckpointWeightsAndAudit() throws IOException {
        Path out = dir.resolve("out");
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", csv().toString(), "--label", "y", "--group",
                "grp", "--favourable", "1", "--method", "forml", "--model", "mlp:8,4", "--epochs", "3",
                "--batch-size", "32", "--lr", "0.05", "--heldout-frac", "0.2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("EO gap"), r.out());
        assertTrue(r.err().contains("forml epochs 100% 3/3"), r.err());

        List<String> lines = Files.readAllLines(out.resolve("weights.csv"));
        assertEquals("row_id,weight", lines.get(0));
        Set<Integer> ids = new HashSet<>();
        double sum = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            int id = Integer.parseInt(f[0]);
            assertTrue(id >= 0 && id < 240 && ids.add(id), "row ids are distinct rows of the file: " + line);
            double w = Double.parseDouble(f[1]);
            assertTrue(w >= 0, line);
            sum += w;
        }
        int trainRows = lines.size() - 1;
        assertTrue(trainRows > 120 && trainRows < 240 * 0.7, "train rows " + trainRows);
        assertEquals(1.0, sum / trainRows, 1e-9, "FORML weights have global mean 1");

        Checkpoint ckpt = Checkpoint.load(out.resolve("model.ckpt"));
        Params fresh = Params.init(ModelSpec.parse("mlp:8,4").build(3, 2), DType.FLOAT64, 99);
        ckpt.restoreParams(fresh);
        assertEquals(ckpt.params().get("0.weight").getFlat(0), fresh.tensors().get(0).getFlat(0));

        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        int auditRows = metrics.get("data").get("rows").asInt();
        assertTrue(auditRows >= 40 && auditRows < 240 - trainRows, "the audit covers the test part: " + auditRows);
        assertTrue(metrics.get("disparities").has("equal_opportunity_difference"), metrics.toString());
        assertTrue(Files.readString(out.resolve("report.html")).contains("<html"));
    }

    @Test
    void theReportShowsTheLearnedWeightsPerGroupAndLabelCell() throws IOException {
        Path csv = csv();
        List<String> rows = Files.readAllLines(csv).subList(1, 241); // row id i: x1, x2, x3, grp, y
        for (String method : List.of("forml", "reweighing", "l2rw")) {
            Path out = dir.resolve(method);
            AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", csv.toString(), "--label", "y",
                    "--group", "grp", "--favourable", "1", "--method", method, "--epochs", "2", "--out",
                    out.toString());
            assertEquals(0, r.code(), r.err());
            Map<String, Integer> cells = new TreeMap<>(); // "A · 0" → training rows, from weights.csv's row ids
            List<String> weights = Files.readAllLines(out.resolve("weights.csv"));
            for (String line : weights.subList(1, weights.size())) {
                String[] f = rows.get(Integer.parseInt(line.split(",")[0])).split(",");
                cells.merge(f[3] + " · " + f[4], 1, Integer::sum);
            }
            assertEquals(4, cells.size(), "every (group, label) cell has training rows");
            String html = Files.readString(out.resolve("report.html"));
            String title = "<title>" + method + ": learned training weights by group and label</title>";
            assertTrue(html.contains(title), method + ": the report has the weights figure");
            String svg = html.substring(html.indexOf(title), html.indexOf("</svg>", html.indexOf(title)));
            cells.forEach((cell, n) -> assertTrue(svg.contains(">" + cell + " (n=" + n + ")<"),
                    method + ": a bar per cell, named with its size: " + cell + " (n=" + n + ")"));
            assertTrue(svg.contains(">grp · y<") && svg.contains(">training weight<") && svg.contains(
                    ">weight 1 (ERM)<"), method + ": axes and the reference at 1 are labelled");
            assertTrue(html.contains("<figcaption>The training weights " + method + " learned (weights.csv)"),
                    method + ": the caption says what the weights are");
        }
        Path erm = dir.resolve("erm");
        assertEquals(0, AuditCommandTest.run("train", "--data", csv.toString(), "--label", "y", "--group", "grp",
                "--method", "erm", "--epochs", "1", "--out", erm.toString()).code());
        String html = Files.readString(erm.resolve("report.html"));
        assertFalse(html.contains("learned training weights"), "ERM's weights are all 1: no figure");
        assertTrue(html.contains("Every training row has weight 1 (weights.csv), as in ERM."), "but a sentence");
    }

    @Test
    void formlSpecOptionsReachTheTrainer() throws IOException {
        // with η_w = 0 and no normalisation every weight keeps its initial value, whatever α and the held-out batch
        Path out = dir.resolve("init");
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", csv().toString(), "--label", "y", "--group",
                "grp", "--favourable", "1", "--method", "forml", "--model", "logistic", "--epochs", "2",
                "--weight-lr", "0", "--normalise", "none", "--weight-init", "2.5", "--lookahead-lr", "0.3",
                "--heldout-batch", "16", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("weights.csv"));
        for (String line : lines.subList(1, lines.size())) {
            assertEquals(2.5, Double.parseDouble(line.split(",")[1]), 0.0, line);
        }
        AuditCommandTest.Run bad = AuditCommandTest.run("train", "--data", csv().toString(), "--label", "y",
                "--group", "grp", "--lookahead-lr", "0", "--out", dir.resolve("bad").toString());
        assertEquals(1, bad.code());
        assertEquals("error: --lookahead-lr must be a finite number above 0, got 0.0", bad.err().strip());
    }

    @Test
    void resultsRecordTheConfigurationAndMetricsNameTheClasses() throws IOException {
        Path csv = toyCsv(dir, "named.csv", ",outcome", i -> i % 3 == 0 ? ",deny" : ",grant");
        Path out = dir.resolve("named");
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", csv.toString(), "--label", "outcome",
                "--group", "grp", "--favourable", "grant", "--exclude", "y", "--method", "forml", "--epochs", "2",
                "--batch-size", "64", "--seed", "7", "--weight-lr", "0.2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("equitrain train", results.get("tool").asText());
        JsonNode data = results.get("data");
        assertEquals("[\"deny\",\"grant\"]", data.get("classes").toString());
        assertEquals("grant", data.get("favourable").asText());
        assertEquals("[\"y\"]", data.get("excluded").toString());
        assertEquals(3, data.get("features").asInt(), "x1, x2, x3: y is excluded");
        JsonNode config = results.get("config");
        assertEquals("forml", config.get("method").asText());
        assertEquals(7, config.get("seed").asLong());
        assertEquals(2, config.get("epochs").asInt());
        assertEquals(64, config.get("batch_size").asInt());
        assertEquals(0.2, config.get("method_options").get("weight_lr").asDouble());
        assertEquals(0.01, config.get("method_options").get("lookahead_lr").asDouble(), "α defaults to --lr");
        double loss = results.get("results").get("final_train_loss").asDouble();
        assertTrue(loss > 0 && loss < Math.log(2) + 0.2, "mean cross-entropy near or below chance: " + loss);
        assertTrue(r.out().contains(String.format(Locale.ROOT, "final training loss %.4f", loss)), r.out());

        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals("equitrain train", metrics.get("tool").asText());
        assertEquals("grant", metrics.get("data").get("favourable_class").asText());
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("<th>favourable label</th><td>grant</td>"), "the report names the class");
        assertTrue(report.contains("final training loss"), "the report shows the training configuration");
    }

    @Test
    void condenseRetrainsOnTheTopRowsByFormlWeightAndWritesThatModel() throws IOException {
        List<String> common = List.of("train", "--data", csv().toString(), "--label", "y", "--group", "grp",
                "--favourable", "1", "--method", "forml", "--model", "mlp:8,4", "--epochs", "3", "--batch-size", "32",
                "--lr", "0.05", "--heldout-frac", "0.2");
        Path plain = dir.resolve("plain");
        Path cond = dir.resolve("cond");
        AuditCommandTest.Run p = run(common, "--out", plain.toString());
        AuditCommandTest.Run c = run(common, "--condense", "0.25", "--out", cond.toString());
        assertEquals(0, p.code(), p.err());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.err().contains("condensed erm epochs 100% 3/3"), c.err());

        List<String> weights = Files.readAllLines(cond.resolve("weights.csv"));
        assertEquals(Files.readAllLines(plain.resolve("weights.csv")), weights, "weights.csv holds FORML's weights");
        int trainRows = weights.size() - 1;
        int kept = (int) Math.round(0.25 * trainRows);
        JsonNode withCondensation = new ObjectMapper().readTree(cond.resolve("results.json").toFile());
        JsonNode without = new ObjectMapper().readTree(plain.resolve("results.json").toFile());
        assertFalse(without.has("condensation"));
        JsonNode k = withCondensation.get("condensation");
        assertEquals(0.25, k.get("fraction").asDouble());
        assertEquals(kept, k.get("kept_rows").asInt());
        assertEquals(trainRows, k.get("train_rows").asInt());
        assertEquals(without.get("results").get("steps"), k.get("forml").get("steps"));
        assertEquals(without.get("results").get("final_train_loss"), k.get("forml").get("final_train_loss"));
        assertEquals(3 * ((kept + 31) / 32), withCondensation.get("results").get("steps").asInt(),
                "the retraining's batches cover the kept rows only");
        assertTrue(c.out().contains("condensed: kept the top 25% of the training rows by FORML weight (" + kept
                + " of " + trainRows + ")"), c.out());
        assertTrue(Files.readString(cond.resolve("report.html")).contains("retrained from scratch with ERM"));

        // model.ckpt, model.json and predictions.csv are the retrained model's: predict reproduces its scores
        Path predicted = dir.resolve("predicted.csv");
        AuditCommandTest.Run again = AuditCommandTest.run("predict", "--model", cond.toString(), "--data",
                csv().toString(), "--out", predicted.toString());
        assertEquals(0, again.code(), again.err());
        List<String> all = Files.readAllLines(predicted);
        List<String> condensedTest = Files.readAllLines(cond.resolve("predictions.csv"));
        List<String> formlTest = Files.readAllLines(plain.resolve("predictions.csv"));
        boolean anotherModel = false;
        for (int i = 1; i < condensedTest.size(); i++) {
            String[] t = condensedTest.get(i).split(",");
            String[] q = all.get(Integer.parseInt(t[0]) + 1).split(",");
            assertEquals(Double.parseDouble(t[3]), Double.parseDouble(q[3]), 1e-12, "score of row " + t[0]);
            anotherModel |= !formlTest.get(i).split(",")[3].equals(t[3]);
        }
        assertTrue(anotherModel, "the condensed model is not FORML's");
    }

    private static AuditCommandTest.Run run(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return AuditCommandTest.run(all.toArray(String[]::new));
    }

    @Test
    void predictionsAreWhatAnAuditOfThemReproduces() throws IOException {
        Path out = dir.resolve("preds");
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", csv().toString(), "--label", "y", "--group",
                "grp", "--method", "reweighing", "--epochs", "2", "--favourable", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("predictions.csv"));
        assertEquals("row_id,y,predicted,score,grp", lines.get(0));
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(results.get("data").get("rows").get("test").asInt(), lines.size() - 1);
        String command = r.out().lines().filter(l -> l.startsWith("audit the predictions again with: equitrain "))
                .findFirst().orElseThrow();
        List<String> args = new ArrayList<>(List.of(command.substring(command.indexOf("equitrain ") + 10)
                .split(" ")));
        assertEquals(List.of("audit", "--data", out.resolve("predictions.csv").toString(), "--label", "y", "--pred",
                "predicted", "--score", "score", "--group", "grp", "--favourable", "0"), args);
        args.addAll(List.of("--out", dir.resolve("audit").toString()));
        AuditCommandTest.Run audit = AuditCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, audit.code(), audit.err());
        JsonNode trained = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        JsonNode audited = new ObjectMapper().readTree(dir.resolve("audit").resolve("metrics.json").toFile());
        assertEquals(trained.get("metrics"), audited.get("metrics"));
        assertEquals(trained.get("disparities"), audited.get("disparities"));
    }

    @Test
    void thePrintedAuditCommandQuotesWhatTheShellWouldSplit() throws IOException {
        Path csv = toyCsv(dir, "quoted.csv", ",home town's", i -> i % 3 == 0 ? ",north" : ",south");
        Path out = dir.resolve("out dir");
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", csv.toString(), "--label", "y", "--group",
                "home town's", "--exclude", "grp", "--method", "erm", "--epochs", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String command = r.out().lines().filter(l -> l.startsWith("audit the predictions again with: "))
                .findFirst().orElseThrow();
        assertTrue(command.endsWith("equitrain audit --data '" + out.resolve("predictions.csv") + "' --label y "
                + "--pred predicted --score score --group 'home town'\\''s' --favourable 1"), command);
    }

    @Test
    void threeClassLabelsAndIntersectionalGroupsTrain() throws IOException {
        Path csv = toyCsv(dir, "multi.csv", ",sex,grade", i -> (i % 5 < 2 ? ",F" : ",M") + "," + "abc".charAt(i % 3));
        Path out = dir.resolve("multi");
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", csv.toString(), "--label", "grade",
                "--group", "grp,sex", "--favourable", "b", "--exclude", "y", "--epochs", "2", "--heldout-frac",
                "0.3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("predictions.csv"));
        assertEquals("row_id,grade,predicted,score,grp,sex", lines.get(0));
        Set<String> classes = new HashSet<>();
        lines.subList(1, lines.size()).forEach(l -> classes.add(l.split(",")[1]));
        assertEquals(Set.of("0", "1", "2"), classes);
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(3, metrics.get("data").get("classes").asInt());
        assertEquals(4, metrics.get("groups").size(), "grp × sex");
        assertTrue(r.out().contains("across 'grp,sex'"), r.out());
    }

    @Test
    void unknownGroupColumnIsAnErrorNamingIt() throws IOException {
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", csv().toString(), "--label", "y", "--group",
                "race", "--out", dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("race"), r.err());
    }
}
