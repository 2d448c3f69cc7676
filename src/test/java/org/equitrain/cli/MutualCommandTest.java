package org.equitrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Dataset;
import org.equitrain.data.Feature;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.registry.DataCache;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.data.registry.DebianPackage;
import org.equitrain.data.registry.Loader;
import org.equitrain.data.registry.RegisteredDataset;
import org.equitrain.data.registry.Tools;
import org.equitrain.report.Results;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MutualCommandTest {
    @TempDir
    Path dir;

    /** A registry holding one cached two-class table of 200 rows: the label is the sign of x0 + x1. */
    private DatasetRegistry registry() throws Exception {
        int n = 200;
        SplittableRandom rng = new SplittableRandom(4);
        double[] x = new double[n * 3];
        int[] y = new int[n];
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                x[i * 3 + d] = rng.nextGaussian();
            }
            y[i] = x[i * 3] + x[i * 3 + 1] > 0 ? 1 : 0;
            g[i] = i % 2;
        }
        Loader loader = new Loader() {
            @Override
            public void verify(Path artifact, String source) {
            }

            @Override
            public Dataset load(Path artifact, String part, NaPolicy na, String source) {
                return Dataset.builder("toy")
                        .features(Tensor.of(x, n, 3), List.of(new Feature("a", "a", Feature.Kind.NUMERIC),
                                new Feature("b", "b", Feature.Kind.NUMERIC),
                                new Feature("c", "c", Feature.Kind.NUMERIC)))
                        .labels(new CategoricalColumn("y", y, List.of("no", "yes")))
                        .group(new CategoricalColumn("sex", g, List.of("F", "M")))
                        .build();
            }
        };
        Tools tools = (wd, cmd) -> {
            if (cmd[0].equals("apt-get")) {
                Files.writeString(wd.resolve(cmd[2] + "_0.1-1_all.deb"), "deb");
            } else {
                Files.createDirectories(Path.of(cmd[3]));
            }
        };
        return new DatasetRegistry(new DataCache(dir.resolve("cache")), tools, List.of(new RegisteredDataset("toy",
                "a toy table", new DebianPackage("toy-data"), "CC0", Map.of("all", n), loader)));
    }

    @Test
    void tinyRunWritesResultsAndReportForEveryAlpha() throws Exception {
        DatasetRegistry reg = registry();
        Path out = dir.resolve("run");
        StringWriter err = new StringWriter();
        int code = new CommandLine(new MutualCommand(() -> reg)).setErr(new PrintWriter(err))
                .setExecutionExceptionHandler(new UserErrorHandler())
                .execute("--data", "toy", "--model", "mlp", "--peers", "2", "--alpha", "0,1.5", "--epochs", "6",
                        "--seeds", "2", "--batch-size", "16", "--out", out.toString());
        assertEquals(0, code, err.toString());
        JsonNode m = Results.read(out.resolve("results.json")).get("metrics");
        for (String a : new String[] {"0", "1.5"}) {
            double mean = m.get("toy.mlp.alpha_" + a + ".accuracy_mean").asDouble();
            assertTrue(mean > 0.8, "alpha " + a + " learned the sign rule: " + mean);
            assertEquals(2, m.get("toy.mlp.alpha_" + a + ".accuracy").size());
            assertTrue(m.has("toy.mlp.alpha_" + a + ".peer_1.accuracy_std"));
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("α = 1.5"), "report has the curves");
    }

    @Test
    void aDivergingLearningRateIsAnErrorNamingTheOption() throws Exception {
        // one step per run (the whole set in one batch, one epoch): its update overflows the peers' weights
        AuditCommandTest.Run r = run(registry(), "--data", "toy", "--epochs", "1", "--seeds", "1", "--alpha", "1",
                "--batch-size", "100000", "--lr", "1e300", "--out", dir.resolve("lr").toString());
        assertEquals(1, r.code(), r.err());
        String[] lines = r.err().strip().split("\\R");
        assertTrue(lines[lines.length - 1].matches("error: training diverged at step 1 \\(epoch 1\\): .*; try a "
                + "smaller --lr than 1\\.0E300"), r.err());
        assertFalse(Files.exists(dir.resolve("lr/results.json")), "no results of a diverged run");
    }

    @Test
    void trainingRowsMissingAClassSaySo() throws Exception {
        DatasetRegistry reg = registry();
        AuditCommandTest.Run one = run(reg, "--data", "toy", "--train-rows", "1", "--epochs", "1", "--seeds", "1",
                "--alpha", "1", "--out", dir.resolve("one").toString());
        assertEquals(0, one.code(), one.err());
        assertTrue(one.err().matches("(?s).*equitrain mutual: note: the 1 training rows hold 1 of the \\d+ classes of "
                + "toy; the peers cannot learn the others \\(use a larger --train-rows\\)\\R.*"), one.err());
        AuditCommandTest.Run all = run(reg, "--data", "toy", "--epochs", "1", "--seeds", "1", "--alpha", "1",
                "--out", dir.resolve("all").toString());
        assertFalse(all.err().contains("note: the"), all.err());
    }

    @Test
    void unknownModelOrNegativeAlphaIsAUserError() throws Exception {
        DatasetRegistry reg = registry();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new MutualCommand(() -> reg)).setErr(new PrintWriter(err))
                .setExecutionExceptionHandler(new UserErrorHandler())
                .execute("--data", "toy", "--model", "resnet", "--out", dir.resolve("x").toString());
        assertNotEquals(0, code);
        assertTrue(err.toString().contains("error: --model: 'resnet' is not one of mlp, lenet5"), err.toString());
        StringWriter err2 = new StringWriter();
        int code2 = new CommandLine(new MutualCommand(() -> reg)).setErr(new PrintWriter(err2))
                .setExecutionExceptionHandler(new UserErrorHandler())
                .execute("--data", "toy", "--alpha=1,-0.5", "--out", dir.resolve("y").toString());
        assertNotEquals(0, code2);
        assertTrue(err2.toString().contains("got -0.5"), err2.toString());
        assertTrue(Files.notExists(dir.resolve("y")), "nothing trained or written");
    }

    /** Runs mutual on {@code reg} with System.out and System.err captured. */
    private static AuditCommandTest.Run run(DatasetRegistry reg, String... args) {
        return AuditCommandTest.capture(() -> new CommandLine(new MutualCommand(() -> reg))
                .setExecutionExceptionHandler(new UserErrorHandler()).execute(args));
    }

    @Test
    void everyNumericOptionIsCheckedBeforeAnyWorkNamingTheOption() throws Exception {
        DatasetRegistry reg = registry();
        String[][] cases = {
            {"--batch-size", "0", "--batch-size must be 1 or more, got 0"},
            {"--epochs", "0", "--epochs must be 1 or more, got 0"},
            {"--seeds", "0", "--seeds must be 1 or more, got 0"},
            {"--peers", "0", "--peers must be 1 or more, got 0"},
            {"--lr", "0", "--lr must be a finite number above 0, got 0.0"},
            {"--lr", "NaN", "--lr must be a finite number above 0, got NaN"},
            {"--train-rows", "0", "--train-rows must be 1 or more, got 0"},
            {"--alpha", "2.5", "--alpha must lie in [0, 2], got 2.5"},
            {"--alpha", "1,0.5,1", "--alpha lists 1.0 twice"},
            {"--optimizer", "rmsprop", "--optimizer: 'rmsprop' is not one of sgd, adam"},
            {"--update", "later", "--update: 'later' is not one of simultaneous, sequential"},
        };
        for (String[] c : cases) {
            Path out = dir.resolve("bad" + c[0]);
            AuditCommandTest.Run r = run(reg, "--data", "toy", c[0], c[1], "--out", out.toString());
            assertEquals(1, r.code(), c[0] + ": " + r.err());
            assertEquals("error: " + c[2], r.err().strip(), c[0]);
            assertTrue(Files.notExists(out), c[0] + ": nothing done, no --out created");
        }
        Path file = Files.writeString(dir.resolve("afile"), "x");
        AuditCommandTest.Run r = run(reg, "--data", "toy", "--out", file.toString());
        assertEquals("error: --out " + file + ": exists and is not a folder", r.err().strip());
    }

    @Test
    void trainRowsTakesExactlyThatManyRowsAndRecordsTheRunsConfiguration() throws Exception {
        DatasetRegistry reg = registry();
        for (int rows : new int[] {5, 99}) {
            Path out = dir.resolve("rows" + rows);
            AuditCommandTest.Run r = run(reg, "--data", "toy", "--train-rows", String.valueOf(rows), "--epochs", "2",
                    "--seeds", "1", "--batch-size", "8", "--optimizer", "ADAM", "--lr", "0.01", "--out",
                    out.toString());
            assertEquals(0, r.code(), r.err());
            JsonNode json = Results.read(out.resolve("results.json"));
            assertEquals(rows, json.get("provenance").get("datasets").get(0).get("rows").get("train").asInt());
            JsonNode config = json.get("metrics").get("config");
            List<String> names = new ArrayList<>();
            config.fieldNames().forEachRemaining(names::add);
            assertEquals(List.of("models", "peers", "alphas", "epochs", "batch_size", "lr", "optimizer", "update",
                    "train_rows", "seed"), names);
            assertEquals(2, config.get("epochs").asInt());
            assertEquals(0.01, config.get("lr").asDouble());
            assertEquals("adam", config.get("optimizer").asText());
            assertEquals(2, config.get("peers").asInt());
            assertEquals(rows, config.get("train_rows").asInt());
            assertEquals(1.0, config.get("alphas").get(0).asDouble());
        }
        Path out = dir.resolve("all");
        AuditCommandTest.Run r = run(reg, "--data", "toy", "--train-rows", "999999", "--epochs", "1", "--seeds", "1",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("equitrain mutual: note: --train-rows 999999 is more than the 140 training rows "
                + "of toy; using all of them"), r.err());
        assertEquals(140, Results.read(out.resolve("results.json")).get("metrics").get("config").get("train_rows")
                .asInt());
    }
}
