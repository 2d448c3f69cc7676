package org.equitrain.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** mpe-nn's findings sentence: which variance sources track the test NLL, read from the curves. */
class MpeNnReportTest {
    /** The findings of the two runs below, numbers as the tables write them (4 significant digits). */
    private static final String FINDINGS = "Tracks the test NLL (mean gap < 0.1): MLP Adam kfac_full (gap 0.02000, "
            + "final 0.4200 vs test 0.4000). Does not: MLP IVON ivon_full (gap 0.4000, final 0.8000 vs test 0.4000).";

    /** Curves over two epochs with test NLL 0.5 then 0.4 and the given LOO estimates per source. */
    private static MpeNnCurves curves(Map<String, List<Double>> loo) {
        MpeNnCurves c = new MpeNnCurves();
        c.epochs.addAll(List.of(1, 2));
        c.testNll.addAll(List.of(0.5, 0.4));
        c.loo.putAll(loo);
        return c;
    }

    @Test
    void theFindingsListEachSourceOnceAndEndEachListWithAFullStop() {
        String findings = MpeNnReport.findings(Map.of(
                "MLP Adam", curves(Map.of("kfac_full", List.of(0.52, 0.42))),
                "MLP IVON", curves(Map.of("ivon_full", List.of(0.9, 0.8)))));
        assertEquals(FINDINGS, findings);
        assertEquals("Tracks the test NLL (mean gap < 0.1): none. Does not: MLP IVON ivon_full (gap 0.4000, final "
                + "0.8000 vs test 0.4000).", MpeNnReport.findings(Map.of("MLP IVON",
                curves(Map.of("ivon_full", List.of(0.9, 0.8))))));
    }

    @Test
    void theFindingsWriteNumbersTheSameInAGermanLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY); // a decimal comma: 0,5
            assertEquals(FINDINGS, MpeNnReport.findings(Map.of(
                    "MLP Adam", curves(Map.of("kfac_full", List.of(0.52, 0.42))),
                    "MLP IVON", curves(Map.of("ivon_full", List.of(0.9, 0.8))))));
        } finally {
            Locale.setDefault(before);
        }
    }
}
