package org.equitrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
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
        SplittableRandom rng = new SplittableRandom(1);
        StringBuilder b = new StringBuilder("x1,x2,x3,grp,y\n");
        for (int i = 0; i < 240; i++) {
            String g = i % 4 == 3 ? "B" : "A";
            double x1 = rng.nextGaussian();
            double x2 = rng.nextGaussian();
            double x3 = rng.nextGaussian() + (g.equals("B") ? 1 : 0);
            int y = x1 + 0.5 * x2 + (g.equals("B") ? 0.7 * rng.nextGaussian() : 0) > 0 ? 1 : 0;
            b.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%s,%d%n", x1, x2, x3, g, y));
        }
        Path file = dir.resolve("toy.csv");
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
        Params fresh = Params.init(TrainCommand.model("mlp:8,4", 3), DType.FLOAT64, 99);
        ckpt.restoreParams(fresh);
        assertEquals(ckpt.params().get("0.weight").getFlat(0), fresh.tensors().get(0).getFlat(0));

        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        int auditRows = metrics.get("data").get("rows").asInt();
        assertTrue(auditRows >= 40 && auditRows < 240 - trainRows, "the audit covers the test part: " + auditRows);
        assertTrue(metrics.get("disparities").has("equal_opportunity_difference"), metrics.toString());
        assertTrue(Files.readString(out.resolve("report.html")).contains("<html"));
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
        assertTrue(bad.err().contains("look-ahead rate α must be > 0"), bad.err());
    }

    @Test
    void unknownGroupColumnIsAnErrorNamingIt() throws IOException {
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", csv().toString(), "--label", "y", "--group",
                "race", "--out", dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("race"), r.err());
    }
}
