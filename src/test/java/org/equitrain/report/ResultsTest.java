package org.equitrain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.json always carries provenance, reads back with Jackson, and keeps a stable key order. */
class ResultsTest {

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void roundTripWithProvenance(@TempDir Path dir) throws Exception {
        Map<String, Integer> rows = new LinkedHashMap<>();
        rows.put("train", 30162);
        rows.put("test", 15060);
        Results results = Results.start("forml-adult").seeds(0, 1, 2, 3, 4).dataset("adult", rows)
                .option("mode", "quick").option("base_seed", 7L).equitrainVersion("0.1.0");
        double[] perSeed = {0.81, 0.83, 0.80, 0.84, 0.82};
        SeedSummary s = results.seedMetric("accuracy", perSeed);
        results.metric("note", "FORML did not beat ERM on accuracy");
        Path file = dir.resolve("out/results.json");
        results.write(file);

        JsonNode root = Results.read(file);
        assertEquals(List.of("provenance", "metrics", "figures"), keys(root));
        JsonNode p = root.get("provenance");
        assertEquals("forml-adult", p.get("experiment").asText());
        assertEquals(5, p.get("seeds").size());
        assertEquals(4, p.get("seeds").get(4).asLong());
        assertEquals("adult", p.get("datasets").get(0).get("name").asText());
        assertEquals(List.of("train", "test"), keys(p.get("datasets").get(0).get("rows")));
        assertEquals(30162, p.get("datasets").get(0).get("rows").get("train").asLong());
        assertEquals(List.of("mode", "base_seed"), keys(p.get("options")));
        assertEquals("quick", p.at("/options/mode").asText());
        assertEquals(7, p.at("/options/base_seed").asLong());
        assertEquals("0.1.0", p.at("/versions/equitrain").asText());
        assertEquals(System.getProperty("java.version"), p.at("/versions/java").asText());
        assertEquals(org.equitrain.tensor.Gemm.implementation(), p.at("/versions/blas").asText());
        assertTrue(p.get("timestamp").asText().endsWith("Z"));
        assertTrue(p.get("wall_seconds").asDouble() >= 0);

        JsonNode m = root.get("metrics");
        assertEquals(List.of("accuracy", "accuracy_mean", "accuracy_std", "accuracy_ci_low", "accuracy_ci_high",
                "accuracy_n", "note"), keys(m));
        assertEquals(0.82, m.get("accuracy_mean").asDouble(), 1e-12);
        assertEquals(s.ciLow(), m.get("accuracy_ci_low").asDouble(), 0);
        assertEquals(0.82 + 2.776445105 * Math.sqrt(0.001 / 4) / Math.sqrt(5), m.get("accuracy_ci_high").asDouble(),
                1e-9);
        assertEquals(0.84, m.get("accuracy").get(3).asDouble(), 0);
        assertEquals(5, m.get("accuracy_n").asInt());
    }

    @Test
    void figuresNestAndKeepAStableOrder() throws Exception {
        Map<String, Object> unordered = new HashMap<>();
        for (String k : List.of("zeta", "alpha", "mid", "beta")) {
            unordered.put(k, k.length());
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("epoch", new int[] {1, 2, 3});
        ordered.put("loss", new double[] {0.9, Double.NaN, 0.5});
        ordered.put("per_group", Map.of("b", 2.0, "a", 1.0));
        ordered.put("labels", List.of("x", "y"));
        ordered.put("grid", new double[][] {{1, 2}, {3, 4}});
        Results r = Results.start("demo").figure("curves", ordered).figure("sizes", unordered);
        String json = r.json();
        assertTrue(json.startsWith("{\n  \"provenance\": {\n"), json);
        assertTrue(json.contains("\"epoch\": [ 1, 2, 3 ]"), "short arrays stay on one line: " + json);
        JsonNode f = new ObjectMapper().readTree(json).get("figures");
        assertEquals(List.of("epoch", "loss", "per_group", "labels", "grid"), keys(f.get("curves")));
        assertEquals(List.of("alpha", "beta", "mid", "zeta"), keys(f.get("sizes")), "unordered maps are sorted");
        assertEquals(List.of("a", "b"), keys(f.at("/curves/per_group")));
        assertTrue(Double.isNaN(f.at("/curves/loss/1").asDouble()), "NaN survives as \"NaN\"");
        assertEquals(4.0, f.at("/curves/grid/1/1").asDouble(), 0);
        String again = Results.start("demo").figure("curves", ordered).figure("sizes", unordered).json();
        assertEquals(withoutClock(json), withoutClock(again), "same results give the same text, time stamps aside");
    }

    private static String withoutClock(String json) {
        return json.replaceAll("\"(timestamp|wall_seconds)\": [^\n]*", "");
    }

    @Test
    void mistakesAreNamed() {
        Results r = Results.start("demo").metric("acc", 0.5);
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> r.metric("acc", 0.6));
        assertEquals("metric 'acc' is already recorded in demo", dup.getMessage());
        r.option("mode", "full");
        assertEquals("option 'mode' is already recorded in demo",
                assertThrows(IllegalArgumentException.class, () -> r.option("mode", "quick")).getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> r.figure("f", Map.of("inner", List.of(1, new Object()))));
        assertTrue(type.getMessage().startsWith("figures.f.inner[1]: cannot record a java.lang.Object"),
                type.getMessage());
    }

    @Test
    void writingResultsStopsTheWallClockForTheReportWrittenAfter(@TempDir Path dir) throws Exception {
        Results r = Results.start("clock");
        double running = r.provenance().wallSeconds();
        Thread.sleep(5);
        assertTrue(r.provenance().wallSeconds() > running, "the clock runs until results.json is written");
        r.write(dir.resolve("results.json"));
        double written = r.provenance().wallSeconds();
        Thread.sleep(5);
        assertEquals(written, r.provenance().wallSeconds(), 0.0, "then it stands at the run's end");
        assertEquals(Math.round(written * 1000) / 1000.0, Results.read(dir.resolve("results.json")).get("provenance")
                .get("wall_seconds").asDouble(), 0.0);
    }
}
