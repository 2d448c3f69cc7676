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
        String options = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("metrics")
                .get("config").get("ple_options").asText();
        for (String part : List.of("penalty=PLAIN", "syntheticDraws=1", "syntheticSize=5", "gradient=STOP_TARGET",
                "reduction=PER_TENSOR_MEAN", "coordinates=RAW")) {
            assertTrue(options.contains(part), part + " in " + options);
        }
        AuditCommandTest.Run grad = AuditCommandTest.run("autophagy", "--estimator", "ple", "--synthetic-grad",
                "none", "--out", dir.resolve("g").toString());
        assertTrue(grad.err().contains("--synthetic-grad: 'none' is not one of full, stop-target, stop-sampling"),
                grad.err());
        AuditCommandTest.Run oneDraw = AuditCommandTest.run("autophagy", "--estimator", "ple", "--draws", "1",
                "--out", dir.resolve("d").toString());
        assertTrue(oneDraw.err().contains("needs M >= 2 synthetic draws, got 1"), oneDraw.err());
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
        assertTrue(fixed.err().contains("--fixed is 11, expected between 0 and --samples (10)"), fixed.err());
        AuditCommandTest.Run oneSeed = AuditCommandTest.run("autophagy", "--seeds", "1", "--out",
                dir.resolve("s").toString());
        assertTrue(oneSeed.err().contains("--seeds is 1, expected >= 2"), oneSeed.err());
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
}
