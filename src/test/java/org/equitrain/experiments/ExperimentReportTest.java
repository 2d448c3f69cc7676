package org.equitrain.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.report.Results;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reader of an experiment's results.json and report sees: how it was run (quick or full, base seed), how long
 * the whole run took, not only the time spent writing (mpe-ridge did its work before starting its results: 0.0 s for
 * a 1 s run), and a title on every figure.
 */
class ExperimentReportTest {
    @Test
    void mpeRidgeRecordsItsModeItsWholeRunTimeAndTitlesItsFigure(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(DatasetRegistry.standard().isCached("cps1988"), "cps1988 is not cached");
        long start = System.nanoTime();
        new MpeRidgeExperiment().run(new RunSettings(true, 3), dir);
        double elapsed = (System.nanoTime() - start) * 1e-9;

        JsonNode provenance = Results.read(dir.resolve("results.json")).get("provenance");
        assertEquals("quick", provenance.at("/options/mode").asText());
        assertEquals(3, provenance.at("/options/base_seed").asLong());
        double wall = provenance.get("wall_seconds").asDouble();
        assertTrue(wall >= 0.5 * elapsed, "wall clock " + wall + " s of a run of " + elapsed + " s");
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<th>Options</th><td>mode quick · base seed 3</td>"), "the report says how it ran");
        Matcher svgTitle = Pattern.compile("<svg [^>]*><title>([^<]*)</title>").matcher(html);
        int figures = 0;
        while (svgTitle.find()) {
            figures++;
            assertEquals("LOO prediction shift: estimate vs refit", svgTitle.group(1), "the figure has a title");
        }
        assertEquals(1, figures);
    }
}
