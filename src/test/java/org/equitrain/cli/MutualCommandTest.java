package org.equitrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void unknownModelOrNegativeAlphaIsAUserError() throws Exception {
        DatasetRegistry reg = registry();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new MutualCommand(() -> reg)).setErr(new PrintWriter(err))
                .setExecutionExceptionHandler(new UserErrorHandler())
                .execute("--data", "toy", "--model", "resnet", "--out", dir.resolve("x").toString());
        assertNotEquals(0, code);
        assertTrue(err.toString().contains("unknown model 'resnet'"), err.toString());
        StringWriter err2 = new StringWriter();
        int code2 = new CommandLine(new MutualCommand(() -> reg)).setErr(new PrintWriter(err2))
                .setExecutionExceptionHandler(new UserErrorHandler())
                .execute("--data", "toy", "--alpha=1,-0.5", "--out", dir.resolve("y").toString());
        assertNotEquals(0, code2);
        assertTrue(err2.toString().contains("got -0.5"), err2.toString());
        assertTrue(Files.notExists(dir.resolve("y")), "nothing trained or written");
    }
}
