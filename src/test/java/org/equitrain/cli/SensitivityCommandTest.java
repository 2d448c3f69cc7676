package org.equitrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        assertTrue(r.err().contains("--variance 'sgd'"), r.err());
    }
}
