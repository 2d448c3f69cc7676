package org.equitrain.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** ple-vae-fairness's summary line for the index page and the terminal. */
class PleVaeFairnessExperimentTest {
    @Test
    void aModelThatGeneratesNoMinorityReadsAsInfinityWithTheReason() {
        Map<String, Object> byModel = Map.of("MLE", Map.of("r_gen", Double.POSITIVE_INFINITY),
                "PLE", Map.of("r_gen", 18.584));
        assertEquals("∞ (no 6s generated)", PleVaeFairnessExperiment.rGen(byModel, "MLE"), "not Java's 'Infinity'");
        assertEquals("18.58", PleVaeFairnessExperiment.rGen(byModel, "PLE"));
    }
}
