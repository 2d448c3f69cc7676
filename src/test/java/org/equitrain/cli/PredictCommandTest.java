package org.equitrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code equitrain predict} on the model of an {@code equitrain train} run, and its error paths. */
class PredictCommandTest {
    private static final String[] COLOURS = {"red", "green", "blue"};

    @TempDir
    Path dir;
    private Path csv;
    private Path model;

    /** The toy table of {@link TrainCommandTest} with a categorical column, and a logistic model trained on it. */
    @BeforeEach
    void train() throws IOException {
        csv = TrainCommandTest.toyCsv(dir, "toy.csv", ",colour,outcome",
                i -> "," + COLOURS[i % 3] + "," + (i % 5 < 2 ? "deny" : "grant"));
        model = dir.resolve("model");
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", csv.toString(), "--label", "outcome",
                "--group", "grp", "--favourable", "grant", "--exclude", "y", "--model", "mlp:6", "--epochs", "3",
                "--batch-size", "32", "--lr", "0.1", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("model.json"), r.out());
    }

    private List<String[]> rows(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.split(",", -1)).toList();
    }

    @Test
    void predictionsOfTheTrainingFileAreThoseTrainMadeForItsTestRows() throws IOException {
        Path out = dir.resolve("all.csv");
        AuditCommandTest.Run r = AuditCommandTest.run("predict", "--model", model.toString(), "--data",
                csv.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String[]> got = rows(out);
        assertEquals("row_id,outcome,predicted,score,grp", String.join(",", got.get(0)));
        assertEquals(241, got.size(), "one line per row of the file");

        List<String[]> train = rows(model.resolve("predictions.csv"));
        assertEquals("row_id,outcome,predicted,score,grp", String.join(",", train.get(0)));
        List<String> classes = List.of("deny", "grant");
        for (String[] t : train.subList(1, train.size())) {
            String[] p = got.get(Integer.parseInt(t[0]) + 1);
            assertEquals(t[0], p[0]);
            assertEquals(classes.get(Integer.parseInt(t[2])), p[2], "predicted class of row " + t[0]);
            assertEquals(Double.parseDouble(t[3]), Double.parseDouble(p[3]), 1e-12, "score of row " + t[0]);
            assertEquals(classes.get(Integer.parseInt(t[1])), p[1]);
            assertEquals(t[4], p[4]);
        }
        assertTrue(r.out().contains("accuracy "), r.out());
        assertTrue(r.out().contains("audit them with: equitrain audit --data " + out + " --label outcome --pred "
                + "predicted --score score --group grp --favourable grant"), r.out());
    }

    @Test
    void columnOrderAndOtherColumnsDoNotMatterAndTheAuditOfTheOutputRuns() throws IOException {
        List<String> lines = Files.readAllLines(csv);
        StringBuilder b = new StringBuilder("note,colour,x3,x1,outcome,x2,grp\n"); // y left out: excluded in training
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(","); // x1,x2,x3,grp,y,colour,outcome
            b.append(String.join(",", "id" + i, f[5], f[2], f[0], f[6], f[1], f[3])).append('\n');
        }
        Path shuffled = Files.writeString(dir.resolve("shuffled.csv"), b.toString());
        Path a = dir.resolve("a.csv");
        Path c = dir.resolve("c.csv");
        assertEquals(0, AuditCommandTest.run("predict", "--model", model.toString(), "--data", csv.toString(),
                "--out", a.toString()).code());
        AuditCommandTest.Run r = AuditCommandTest.run("predict", "--model", model.toString(), "--data",
                shuffled.toString(), "--keep", "note", "--out", c.toString());
        assertEquals(0, r.code(), r.err());
        List<String[]> first = rows(a);
        List<String[]> second = rows(c);
        assertEquals("row_id,note,outcome,predicted,score,grp", String.join(",", second.get(0)));
        for (int i = 1; i < first.size(); i++) {
            String[] s = second.get(i);
            assertEquals("id" + i, s[1]);
            assertEquals(String.join(",", first.get(i)), String.join(",", s[0], s[2], s[3], s[4], s[5]), "row " + i);
        }

        Path audit = dir.resolve("audit");
        AuditCommandTest.Run au = AuditCommandTest.run("audit", "--data", c.toString(), "--label", "outcome",
                "--pred", "predicted", "--score", "score", "--group", "grp", "--favourable", "grant", "--out",
                audit.toString());
        assertEquals(0, au.code(), au.err());
        String printed = r.out().replaceAll("(?s).*accuracy (\\S+) on.*", "$1");
        double accuracy = Double.parseDouble(printed);
        String metrics = Files.readString(audit.resolve("metrics.json"));
        assertTrue(metrics.contains("\"accuracy\""), metrics);
        assertEquals(accuracy, countAccuracy(second), 5e-5, "printed accuracy is the share of right predictions");
    }

    private static double countAccuracy(List<String[]> rows) {
        int right = 0;
        for (String[] r : rows.subList(1, rows.size())) {
            right += r[2].equals(r[3]) ? 1 : 0;
        }
        return right / (double) (rows.size() - 1);
    }

    @Test
    void unlabelledRowsGetPredictionsOnly() throws IOException {
        Path file = Files.writeString(dir.resolve("new.csv"), "colour,x3,x2,x1\nblue,0.5,-1,2\nred,,,\n"
                .replace(",,,", ",1,1,1"));
        Path out = dir.resolve("new-pred.csv");
        AuditCommandTest.Run r = AuditCommandTest.run("predict", "--model", model.toString(), "--data",
                file.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String[]> got = rows(out);
        assertEquals("row_id,predicted,score", String.join(",", got.get(0)));
        assertEquals(3, got.size());
        for (String[] row : got.subList(1, 3)) {
            double score = Double.parseDouble(row[2]);
            assertTrue(score > 0 && score < 1, "a probability: " + score);
            assertEquals(score > 0.5 ? "grant" : "deny", row[1], "the favourable class is the likelier one");
        }
        assertFalse(r.out().contains("accuracy") || r.out().contains("audit"), r.out());
    }

    @Test
    void aModelOfARegisteredDatasetPredictsEveryRowOfIt() throws IOException {
        RegisteredData.require("hmda");
        Path hmda = dir.resolve("hmda-model");
        AuditCommandTest.Run t = AuditCommandTest.run("train", "--data", "hmda", "--label", "deny", "--group", "afam",
                "--model", "logistic", "--epochs", "1", "--out", hmda.toString());
        assertEquals(0, t.code(), t.err());
        Path out = dir.resolve("hmda.csv");
        AuditCommandTest.Run r = AuditCommandTest.run("predict", "--model", hmda.toString(), "--data", "hmda",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String[]> got = rows(out);
        assertEquals("row_id,deny,predicted,score,afam", String.join(",", got.get(0)));
        Map<String, String[]> byId = new HashMap<>();
        got.subList(1, got.size()).forEach(row -> byId.put(row[0], row));
        List<String[]> train = rows(hmda.resolve("predictions.csv"));
        for (String[] row : train.subList(1, train.size())) {
            assertEquals(Double.parseDouble(row[3]), Double.parseDouble(byId.get(row[0])[3]), 1e-12, row[0]);
        }
        assertTrue(got.size() > train.size(), "every row of the dataset, not only the test part");
        assertEquals(1, AuditCommandTest.run("predict", "--model", hmda.toString(), "--data", "hmda", "--keep",
                "x", "--out", out.toString()).code());
    }

    private record BadFile(String name, String content, String error) {
    }

    @Test
    void valuesTheModelCannotReadAreErrorsAtTheirLineAndColumn() throws IOException {
        List<BadFile> cases = List.of(
                new BadFile("unknown.csv", "colour,x1,x2,x3\nred,1,2,3\npurple,1,2,3\n", "unknown.csv:3:1: expected"
                        + " one of the levels seen in training (blue, green, red); the model was trained without "
                        + "missing values here in column 'colour', found 'purple'"),
                new BadFile("missing.csv", "colour,x1,x2,x3\nred,1,NA,3\n", "missing.csv:2:3: expected a number; "
                        + "the model was trained without missing values here in column 'x2', found a missing value "
                        + "('NA')"),
                new BadFile("text.csv", "colour,x1,x2,x3\nred,1,two,3\n",
                        "text.csv:2:3: expected a number in column 'x2', found 'two'"),
                new BadFile("absent.csv", "colour,x1,x3\nred,1,3\n", "absent.csv has no column 'x2', which the model "
                        + "reads (it reads x1, x2, x3, colour)"));
        for (BadFile bad : cases) {
            Path file = Files.writeString(dir.resolve(bad.name()), bad.content());
            AuditCommandTest.Run r = AuditCommandTest.run("predict", "--model", model.toString(), "--data",
                    file.toString(), "--out", dir.resolve("p-" + bad.name()).toString());
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains(bad.error()), r.err());
            assertFalse(Files.exists(dir.resolve("p-" + bad.name())), "nothing is written");
        }
    }

    @Test
    void aFolderWithoutAModelCardOrWithABrokenOneIsAnError() throws IOException {
        AuditCommandTest.Run none = AuditCommandTest.run("predict", "--model", dir.toString(), "--data",
                csv.toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no model.json there; give the --out folder of an equitrain train run"),
                none.err());
        Files.writeString(model.resolve("model.json"), "{\"format\": \"equitrain-model\",\n \"version\": }");
        AuditCommandTest.Run broken = AuditCommandTest.run("predict", "--model", model.toString(), "--data",
                csv.toString());
        assertEquals(1, broken.code());
        assertTrue(broken.err().contains("model.json: not a model card written by equitrain train")
                && broken.err().contains("at line 2"), broken.err());
    }
}
