package org.equitrain.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExperimentCatalogTest {

    @Test
    void namesAreUniqueAndLowerCaseWithHyphens() {
        Set<String> seen = new HashSet<>();
        for (Experiment e : ExperimentCatalog.all()) {
            assertTrue(seen.add(e.name()), "duplicate experiment " + e.name());
            assertTrue(e.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), e.name());
        }
    }

    @Test
    void aGroupNameSelectsEveryExperimentWithThatPrefix() {
        List<Experiment> mpe = ExperimentCatalog.select("mpe");
        assertEquals(List.of("mpe-ridge", "mpe-logistic", "mpe-nn"), mpe.stream().map(Experiment::name).toList());
        assertEquals(List.of("engine-mnist"),
                ExperimentCatalog.select("engine-mnist").stream().map(Experiment::name).toList());
        assertTrue(ExperimentCatalog.select("mp").isEmpty());
    }
}
