package org.equitrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code equitrain autophagy} end to end on tiny loops. */
class AutophagyCommandTest {
    @TempDir
    Path dir;

    @Test
    void gaussianMleLoopWritesCurvesThatFollowTheAnalyticDecay() throws Exception {
        Path out = dir.resolve("mle");
        AuditCommandTest.Run r = AuditCommandTest.run("autophagy", "--model", "gaussian", "--estimator", "mle",
                "--generations", "6", "--samples", "10", "--seeds", "2000", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("metrics");
        JsonNode variance = m.get("varianceRatio");
        assertEquals(6, variance.get("mean").size());
        for (int t = 1; t <= 6; t++) {
            double mean = variance.get("mean").get(t - 1).asDouble();
            double se = variance.get("se").get(t - 1).asDouble();
            // spec §1: E σ²_t = ((n−1)/n)^t for the MLE refitted on its own samples
            assertEquals(Math.pow(0.9, t), mean, 4 * se, "generation " + t);
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("<svg"));
        assertTrue(r.out().contains("varianceRatio at generation 6"), r.out());
    }

    @Test
    void learnedEstimatorsAndMixturesRun() throws Exception {
        Path out = dir.resolve("ple");
        AuditCommandTest.Run r = AuditCommandTest.run("autophagy", "--model", "gmm", "--estimator", "hyper",
                "--generations", "3", "--samples", "12", "--fresh", "4", "--seeds", "3", "--train-steps", "20",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("metrics");
        assertEquals(3, m.get("minorityWeight").get("median").size());
        assertEquals("hyper", m.get("config").get("estimator").asText());
        assertTrue(r.err().contains("training the hyper estimator 100% 20/20"), r.err());
        assertTrue(r.err().contains("loop replicates 100% 3/3"), r.err());
        Path st = dir.resolve("st");
        AuditCommandTest.Run gumbel = AuditCommandTest.run("autophagy", "--model", "gmm", "--estimator", "ple",
                "--generations", "2", "--samples", "12", "--seeds", "2", "--train-steps", "20",
                "--straight-through", "0.5", "--out", st.toString());
        assertEquals(0, gumbel.code(), gumbel.err());
        JsonNode g = new ObjectMapper().readTree(st.resolve("results.json").toFile()).get("metrics");
        assertEquals(0.5, g.get("config").get("straight_through_temperature").asDouble());
        assertTrue(Double.isFinite(g.get("kl").get("mean").get(1).asDouble()));
    }

    @Test
    void pleObjectiveOptionsReachTheEstimatorAndBadOnesAreNamed() throws Exception {
        Path out = dir.resolve("opts");
        AuditCommandTest.Run r = AuditCommandTest.run("autophagy", "--model", "gaussian", "--estimator", "ple",
                "--generations", "2", "--samples", "8", "--seeds", "2", "--train-steps", "5", "--draws", "1",
                "--penalty", "plain", "--synthetic-size", "5", "--synthetic-grad", "stop-target", "--reduction",
                "per-tensor-mean", "--coordinates", "raw", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode config = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("metrics")
                .get("config");
        assertEquals(5, config.get("train_steps").asInt());
        JsonNode options = config.get("ple_options");
        assertEquals(List.of("weight", "penalty", "synthetic_draws", "synthetic_size", "gradient", "reduction",
                "coordinates"), fieldNames(options));
        assertEquals(0.1, options.get("weight").asDouble());
        assertEquals("plain", options.get("penalty").asText());
        assertEquals(1, options.get("synthetic_draws").asInt());
        assertEquals(5, options.get("synthetic_size").asInt());
        assertEquals("stop-target", options.get("gradient").asText());
        assertEquals("per-tensor-mean", options.get("reduction").asText());
        assertEquals("raw", options.get("coordinates").asText());
        String report = Files.readString(out.resolve("report.html"));
        for (String row : List.of("<th>estimator</th><td>ple</td>", "<th>train steps</th><td>5</td>",
                "<th>sets per step</th><td>" + AutophagyCommand.SETS_PER_STEP + "</td>",
                "<th>PLE weight</th><td>0.1</td>", "<th>PLE penalty</th><td>plain</td>",
                "<th>PLE synthetic draws</th><td>1</td>", "<th>PLE synthetic size</th><td>5</td>",
                "<th>PLE gradient</th><td>stop-target</td>", "<th>PLE reduction</th><td>per-tensor-mean</td>",
                "<th>PLE coordinates</th><td>raw</td>")) {
            assertTrue(report.contains(row), "the report shows the configuration: " + row);
        }
        AuditCommandTest.Run grad = AuditCommandTest.run("autophagy", "--estimator", "ple", "--synthetic-grad",
                "none", "--out", dir.resolve("g").toString());
        assertTrue(grad.err().contains("--synthetic-grad: 'none' is not one of full, stop-target, stop-sampling"),
                grad.err());
        AuditCommandTest.Run oneDraw = AuditCommandTest.run("autophagy", "--estimator", "ple", "--draws", "1",
                "--out", dir.resolve("d").toString());
        assertTrue(oneDraw.err().contains("error: --draws must be 2 or more with --penalty debiased (the default), "
                + "got 1; --penalty plain allows 1"), oneDraw.err());
    }

    /** PLE spec §7: the minority class's log-likelihood per generation, beside the majority's. */
    @Test
    void vaeLoopReportsEachClassNegElboPerGeneration() throws Exception {
        RegisteredData.require("mnist");
        Path out = dir.resolve("vae");
        AuditCommandTest.Run r = AuditCommandTest.run("autophagy", "--model", "vae", "--estimator", "mle",
                "--generations", "2", "--samples", "100", "--seeds", "2", "--epochs", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("metrics");
        for (String metric : List.of("testNegElbo", "minorityNegElbo", "majorityNegElbo", "negElboGap")) {
            JsonNode curve = m.get(metric);
            assertEquals(List.of("generation", "mean", "se", "median", "p2_5", "p97_5"), fieldNames(curve), metric);
            for (int t = 0; t < 2; t++) {
                assertTrue(curve.get("p2_5").get(t).asDouble() <= curve.get("median").get(t).asDouble(), metric);
                assertTrue(curve.get("median").get(t).asDouble() <= curve.get("p97_5").get(t).asDouble(), metric);
                assertTrue(Double.isFinite(curve.get("mean").get(t).asDouble()), metric);
            }
        }
        for (int t = 0; t < 2; t++) { // the gap is per replicate, so its mean is the difference of the means
            assertEquals(m.get("minorityNegElbo").get("mean").get(t).asDouble()
                    - m.get("majorityNegElbo").get("mean").get(t).asDouble(),
                    m.get("negElboGap").get("mean").get(t).asDouble(), 1e-9);
        }
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("mean minority −ELBO per generation"), "a curve in the report");
        assertTrue(report.contains("median −ELBO gap per generation"), "a curve in the report");
        assertTrue(report.contains("<th>VAE epochs</th><td>1</td>") && report.contains("<th>imbalance</th>"),
                "the report shows the VAE's configuration");
    }

    @Test
    void unbiasedMixtureIsAUserError() {
        AuditCommandTest.Run r = AuditCommandTest.run("autophagy", "--model", "gmm", "--estimator", "unbiased",
                "--out", dir.resolve("x").toString());
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("no closed-form unbiased estimator"), r.err());
    }

    @Test
    void unbiasedVaeAndOversizedFixedSetAreUserErrors() {
        AuditCommandTest.Run vae = AuditCommandTest.run("autophagy", "--model", "vae", "--estimator", "unbiased",
                "--out", dir.resolve("v").toString());
        assertNotEquals(0, vae.code());
        assertTrue(vae.err().contains("no unbiased estimator for a VAE"), vae.err());
        AuditCommandTest.Run fixed = AuditCommandTest.run("autophagy", "--samples", "10", "--fixed", "11",
                "--out", dir.resolve("f").toString());
        assertNotEquals(0, fixed.code());
        assertTrue(fixed.err().contains("error: --fixed must be at most --samples (10), got 11"), fixed.err());
        AuditCommandTest.Run oneSeed = AuditCommandTest.run("autophagy", "--seeds", "1", "--out",
                dir.resolve("s").toString());
        assertTrue(oneSeed.err().contains("error: --seeds must be 2 or more, got 1"), oneSeed.err());
    }

    @Test
    void fixedRealDataSlowsTheCollapse() throws Exception {
        Path out = dir.resolve("fixed");
        AuditCommandTest.Run r = AuditCommandTest.run("autophagy", "--generations", "8", "--samples", "10",
                "--fixed", "10", "--seeds", "2000", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("metrics");
        // spec §7: a fixed real set delays the MLE's geometric collapse ((n−1)/n)^t = 0.43 at t = 8
        assertTrue(m.get("varianceRatio").get("mean").get(7).asDouble() > 0.8, m.get("varianceRatio").toString());
        assertEquals(10, m.get("config").get("fixed").asInt());
    }

    @Test
    void everyNumericOptionIsCheckedBeforeAnyWorkNamingTheOption() throws Exception {
        String[][] cases = {
            {"--samples", "1", "--samples must be 2 or more, got 1"},
            {"--generations", "0", "--generations must be 1 or more, got 0"},
            {"--fresh", "-1", "--fresh must be 0 or more, got -1"},
            {"--fixed", "-2", "--fixed must be 0 or more, got -2"},
            {"--lambda", "-0.5", "--lambda must be a finite number of 0 or more, got -0.5", "--estimator", "ple"},
            {"--lambda", "Infinity", "--lambda must be a finite number of 0 or more", "--estimator", "ple"},
            {"--draws", "0", "--draws must be 1 or more, got 0", "--estimator", "ple", "--penalty", "plain"},
            {"--synthetic-size", "-1", "--synthetic-size must be 0 or more, got -1", "--estimator", "ple"},
            {"--train-steps", "0", "--train-steps must be 1 or more, got 0", "--estimator", "hyper"},
            {"--straight-through", "-1", "--straight-through must be a finite number of 0 or more", "--model", "gmm",
                "--estimator", "ple"},
            {"--epochs", "0", "--epochs must be 1 or more, got 0", "--model", "vae"},
            {"--imbalance", "0", "--imbalance must be 1 or more, got 0", "--model", "vae"},
        };
        for (String[] c : cases) {
            Path out = dir.resolve("bad" + c[0]);
            List<String> args = new java.util.ArrayList<>(List.of("autophagy", c[0], c[1], "--out", out.toString()));
            args.addAll(List.of(c).subList(3, c.length));
            AuditCommandTest.Run r = AuditCommandTest.run(args.toArray(String[]::new));
            assertEquals(1, r.code(), c[0] + ": " + r.err());
            assertTrue(r.err().startsWith("error: " + c[2]), c[0] + ": " + r.err());
            assertTrue(Files.notExists(out), c[0] + ": nothing done, no --out created");
        }
        Path file = Files.writeString(dir.resolve("afile"), "x");
        AuditCommandTest.Run r = AuditCommandTest.run("autophagy", "--seeds", "2", "--generations", "1", "--out",
                file.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: --out " + file + ": exists and is not a folder"), r.err());
        assertTrue(r.err().lines().count() == 1 && !r.err().contains("loop replicates"), "checked before work: "
                + r.err());
    }

    @Test
    void optionsOfAnotherModelOrEstimatorAreRejectedNotIgnored() {
        String[][] cases = {
            {"--straight-through 0.5 --model gaussian --estimator ple",
                "--straight-through applies only to --model gmm with --estimator hyper or ple, not to --model "
                        + "gaussian --estimator ple"},
            {"--straight-through 0.5 --model gmm --estimator mle", "--straight-through applies only to --model gmm"},
            {"--epochs 3", "--epochs applies only to --model vae, not to --model gaussian --estimator mle"},
            {"--imbalance 2 --model gmm", "--imbalance applies only to --model vae"},
            {"--train-steps 10", "--train-steps applies only to --model gaussian or gmm with --estimator hyper or ple"},
            {"--train-steps 10 --model vae --estimator ple", "--train-steps applies only to"},
            {"--lambda 1 --estimator hyper", "--lambda applies only to --estimator ple, not to --model gaussian "
                    + "--estimator hyper"},
            {"--synthetic-grad stop-target", "--synthetic-grad applies only to --estimator ple"},
            {"--draws 3 --estimator mle", "--draws applies only to --estimator ple"},
        };
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("autophagy", "--out", dir.resolve("x").toString()));
            args.addAll(List.of(c[0].split(" ")));
            AuditCommandTest.Run r = AuditCommandTest.run(args.toArray(String[]::new));
            assertEquals(1, r.code(), c[0] + ": " + r.err());
            assertTrue(r.err().startsWith("error: " + c[1]), c[0] + ": " + r.err());
        }
    }

    /** PLE spec §2–3: stop-target's fixed point repels; the hypernetwork ran away to σ̂² ≈ 1e12 with exit 0. */
    @Test
    void aRunawayPleEstimatorIsAnErrorNamingTheOptionToChange() {
        Path out = dir.resolve("runaway");
        AuditCommandTest.Run r = AuditCommandTest.run("autophagy", "--estimator", "ple", "--draws", "4", "--penalty",
                "plain", "--synthetic-grad", "stop-target", "--seeds", "2", "--generations", "2", "--out",
                out.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("error: PLE training diverged at step "), r.err());
        assertTrue(r.err().contains("the estimates no longer fit the sets they are estimated from"), r.err());
        assertTrue(r.err().contains("use --synthetic-grad full (the default) or stop-sampling"), r.err());
        assertTrue(Files.notExists(out.resolve("results.json")), "no results from a runaway estimator");
    }

    @Test
    void identicalRunsWriteIdenticalResultsWithTheRunsWallClock() throws Exception {
        String[] config = {"--model", "gmm", "--estimator", "ple", "--generations", "2", "--samples", "12", "--seeds",
            "2", "--train-steps", "15", "--straight-through", "0.5"};
        String[] texts = new String[2];
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("same" + i);
            List<String> args = new java.util.ArrayList<>(List.of("autophagy", "--out", out.toString()));
            args.addAll(List.of(config));
            long start = System.nanoTime();
            AuditCommandTest.Run r = AuditCommandTest.run(args.toArray(String[]::new));
            double elapsed = (System.nanoTime() - start) * 1e-9;
            assertEquals(0, r.code(), r.err());
            JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
            double wall = json.get("provenance").get("wall_seconds").asDouble();
            assertTrue(wall > 0.5 * elapsed && wall <= elapsed + 0.01, "the clock ran from the start: wall "
                    + wall + " s of " + elapsed + " s");
            // the report's "Run" row shows the same clock, not the time spent writing
            assertTrue(Files.readString(out.resolve("report.html")).contains(String.format(java.util.Locale.ROOT,
                    "%.1f s wall clock", wall)) || wall > 59, "report.html wall clock");
            texts[i] = Files.readString(out.resolve("results.json"))
                    .replaceAll("\"timestamp\": \"[^\"]*\"", "")
                    .replaceAll("\"wall_seconds\": [0-9.eE+-]+", "");
            JsonNode c = json.get("metrics").get("config");
            assertEquals(List.of("model", "estimator", "samples", "fresh", "fixed", "generations", "seeds",
                    "train_steps", "sets_per_step", "straight_through_temperature", "ple_options"), fieldNames(c));
        }
        assertEquals(texts[0], texts[1]);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
