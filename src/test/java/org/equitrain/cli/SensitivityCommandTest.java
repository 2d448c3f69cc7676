package org.equitrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code equitrain sensitivity} end to end on a small temporary CSV. */
class SensitivityCommandTest {
    @TempDir
    Path dir;

    private Path csv(int n) throws Exception {
        SplittableRandom rng = new SplittableRandom(1);
        StringBuilder s = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < n; i++) {
            double a = rng.nextDouble() * 2 - 1;
            double b = rng.nextDouble() * 2 - 1;
            int y = a + 0.5 * b + 0.3 * (rng.nextDouble() - 0.5) > 0 ? 1 : 0;
            s.append(a).append(',').append(b).append(',').append(rng.nextDouble()).append(',')
                    .append(y == 1 ? "yes" : "no").append('\n');
        }
        Path f = dir.resolve("t.csv");
        Files.writeString(f, s.toString());
        return f;
    }

    @Test
    void ranksEveryTrainingRowAndWritesTheReport() throws Exception {
        Path data = csv(150);
        for (String variance : List.of("kfac", "ivon")) {
            Path out = dir.resolve(variance);
            AuditCommandTest.Run r = AuditCommandTest.run("sensitivity", "--data", data.toString(), "--label", "y",
                    "--model", "logistic", "--variance", variance, "--epochs", "3", "--top", "5", "--out",
                    out.toString());
            assertEquals(0, r.code(), r.err());
            List<String> lines = Files.readAllLines(out.resolve("sensitivity.csv"));
            assertEquals(1 + 120, lines.size(), "header + 80 % of 150 training rows");
            double first = Double.parseDouble(lines.get(1).split(",")[3]);
            double last = Double.parseDouble(lines.get(lines.size() - 1).split(",")[3]);
            assertTrue(first >= last, "ranked by score, largest first");
            assertTrue(Files.readString(out.resolve("report.html")).contains("Most sensitive training examples"));
        }
    }

    @Test
    void numericClassLabelsAreClasses() throws Exception {
        Path data = dir.resolve("numeric.csv");
        Files.writeString(data, Files.readString(csv(60)).replace(",yes\n", ",1\n").replace(",no\n", ",0\n"));
        AuditCommandTest.Run r = AuditCommandTest.run("sensitivity", "--data", data.toString(), "--label", "y",
                "--model", "logistic", "--variance", "kfac", "--epochs", "2", "--out", dir.resolve("n").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1 + 48, Files.readAllLines(dir.resolve("n").resolve("sensitivity.csv")).size());
    }

    @Test
    void rowsDroppedForAMissingValueAreReported() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv(40)));
        lines.set(5, lines.get(5).replaceFirst("^[^,]*,", ","));
        Path data = dir.resolve("gap.csv");
        Files.write(data, lines);
        AuditCommandTest.Run r = AuditCommandTest.run("sensitivity", "--data", data.toString(), "--label", "y",
                "--model", "logistic", "--variance", "kfac", "--epochs", "2", "--out", dir.resolve("g").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("note: gap.csv: dropped 1 of 40 rows for a missing value"), r.err());
    }

    @Test
    void unknownVarianceSourceIsAUsageError() throws Exception {
        AuditCommandTest.Run r = AuditCommandTest.run("sensitivity", "--data", csv(20).toString(), "--label", "y",
                "--variance", "sgd", "--out", dir.resolve("x").toString());
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("--variance: 'sgd' is not one of ivon, adam, laplace-diag, kfac"), r.err());
    }

    @Test
    void optionValuesAreCheckedBeforeAnyDataIsRead() {
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("--epochs", "-1"), "--epochs must be 1 or more, got -1");
        cases.put(List.of("--epochs", "0"), "--epochs must be 1 or more, got 0");
        cases.put(List.of("--top", "0"), "--top must be 1 or more, got 0");
        cases.put(List.of("--top", "-1"), "--top must be 1 or more, got -1");
        cases.put(List.of("--max-train", "1"), "--max-train must be 2 or more, got 1");
        cases.put(List.of("--prior", "0"), "--prior must be a finite number above 0, got 0.0");
        cases.put(List.of("--prior", "NaN"), "--prior must be a finite number above 0, got NaN");
        cases.put(List.of("--lr", "-1"), "--lr must be a finite number above 0, got -1.0");
        cases.put(List.of("--lr", "0", "--variance", "adam"), "--lr must be a finite number above 0, got 0.0");
        cases.put(List.of("--model", "cnn"), "--model: 'cnn' is not one of logistic, mlp, lenet5");
        cases.put(List.of("--covariance", "half"), "--covariance: 'half' is not one of full, diagonal");
        Path out = dir.resolve("never");
        cases.forEach((option, message) -> {
            List<String> args = new ArrayList<>(List.of("sensitivity", "--data", dir.resolve("absent.csv").toString(),
                    "--label", "y", "--out", out.toString()));
            args.addAll(option);
            AuditCommandTest.Run r = AuditCommandTest.run(args.toArray(String[]::new));
            assertEquals(1, r.code(), option + ": " + r.err());
            assertEquals("error: " + message, r.err().strip(), option.toString());
        });
        assertFalse(Files.exists(out), "no output folder for a bad option value");
    }

    @Test
    void aMissingDataFileIsNamedAsAFile() {
        Path absent = dir.resolve("absent.csv");
        AuditCommandTest.Run r = AuditCommandTest.run("sensitivity", "--data", absent.toString(), "--label", "y",
                "--out", dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: no file '" + absent + "' (and no registered dataset"), r.err());
    }

    @Test
    void anOutputFolderThatIsAFileFailsBeforeTraining() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "");
        AuditCommandTest.Run r = AuditCommandTest.run("sensitivity", "--data", csv(40).toString(), "--label", "y",
                "--model", "logistic", "--epochs", "1", "--out", file.toString());
        assertEquals(1, r.code());
        assertEquals("error: --out " + file + ": exists and is not a folder", r.err().strip());
    }

    @Test
    void tooFewRowsForTheSplitSaysHowManyEachPartGot() throws Exception {
        Path small = Files.writeString(dir.resolve("small.csv"), "a,b,y\n1,2,0\n2,3,1\n3,1,0\n4,5,1\n");
        Path out = dir.resolve("small");
        AuditCommandTest.Run r = AuditCommandTest.run("sensitivity", "--data", small.toString(), "--label", "y",
                "--model", "logistic", "--out", out.toString());
        assertEquals(1, r.code(), r.out());
        assertEquals("error: small.csv: the stratified 80/20 split of 4 rows gave 4 training rows and 0 "
                + "test rows; sensitivity needs at least 2 training rows and 1 test row", r.err().strip());
        assertFalse(Files.exists(out.resolve("curve.json")));
    }

    @Test
    void aRegistryDatasetRejectsAnotherLabel() throws Exception {
        RegisteredData.require("german-credit");
        AuditCommandTest.Run r = AuditCommandTest.run("sensitivity", "--data", "german-credit", "--label", "foo",
                "--epochs", "1", "--out", dir.resolve("g").toString());
        assertEquals(1, r.code(), r.err());
        assertEquals("error: --label foo: dataset 'german-credit' has the fixed label column 'class'; leave --label "
                + "out", r.err().strip());
    }

    @Test
    void aDivergingLearningRateIsAnErrorNamingLr() throws Exception {
        Path data = csv(150);
        for (String variance : List.of("ivon", "adam")) {
            Path out = dir.resolve("lr-" + variance);
            AuditCommandTest.Run r = AuditCommandTest.run("sensitivity", "--data", data.toString(), "--label", "y",
                    "--variance", variance, "--epochs", "2", "--lr", "1e9", "--out", out.toString());
            assertEquals(1, r.code(), r.err());
            String error = r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse(r.err());
            assertTrue(error.matches("error: training diverged at step \\d+ \\(epoch 1\\): the mean loss is "
                    + "\\S+; try a smaller --lr than 1\\.0E9"), error);
            assertFalse(Files.exists(out.resolve("curve.json")));
        }
    }

    @Test
    void curveValuesAreJsonNumbers() throws Exception {
        Path out = dir.resolve("curve");
        AuditCommandTest.Run r = AuditCommandTest.run("sensitivity", "--data", csv(60).toString(), "--label", "y",
                "--model", "logistic", "--variance", "kfac", "--epochs", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode curve = new ObjectMapper().readTree(out.resolve("curve.json").toFile());
        for (String key : List.of("epoch", "loo", "test_nll")) {
            assertEquals(2, curve.get(key).size(), key);
            curve.get(key).forEach(v -> assertTrue(v.isNumber(), key + ": " + v));
        }
    }
}
