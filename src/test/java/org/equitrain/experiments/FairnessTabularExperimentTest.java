package org.equitrain.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** fairness-tabular's verdict sentence follows from the numbers printed in it. */
class FairnessTabularExperimentTest {
    private static final String[] METHODS = {"erm", "reweighing", "l2rw", "forml"};

    @Test
    void aMethodBelowErmIsComparedWithErm() {
        double[][] bars = {{0.72, 0.72, 0.71, 0.70}, {0.70, 0.70, 0.69, 0.69}, {0.74, 0.74, 0.73, 0.71},
            {0.064, 0.056, 0.069, 0.020}, {0.050, 0.040, 0.050, 0.010}, {0.080, 0.070, 0.090, 0.030}};
        assertEquals("smallest mean EO gap: forml (0.020 vs ERM 0.064; its interval lies below ERM's) at accuracy "
                + "0.700 vs ERM 0.720. FORML: EO gap 0.020, accuracy 0.700.",
                FairnessTabularExperiment.verdict(METHODS, bars));
    }

    @Test
    void whenErmHasTheSmallestGapNoMethodIsSaidToBeatIt() {
        double[][] bars = {{0.88, 0.88, 0.89, 0.88}, {0.88, 0.88, 0.87, 0.88}, {0.88, 0.88, 0.90, 0.88},
            {0, 0, 0.03, 0}, {0, 0, -0.06, 0}, {0, 0, 0.12, 0}};
        assertEquals("smallest mean EO gap: ERM's own (0.000, accuracy 0.880); no method lowers it. FORML: EO gap "
                + "0.000, accuracy 0.880.", FairnessTabularExperiment.verdict(METHODS, bars));
    }
}
