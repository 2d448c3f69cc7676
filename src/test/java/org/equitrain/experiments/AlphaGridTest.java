package org.equitrain.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlphaGridTest {
    private static AlphaGrid.Cell cell(double alpha, double... acc) {
        return new AlphaGrid.Cell(alpha, acc, new double[0][], new double[0][]);
    }

    @Test
    void alphaKeysMatchTheResultKeys() {
        assertEquals("0", AlphaGrid.alphaKey(0));
        assertEquals("0.5", AlphaGrid.alphaKey(0.5));
        assertEquals("1", AlphaGrid.alphaKey(1));
        assertEquals("1.5", AlphaGrid.alphaKey(1.5));
    }

    @Test
    void verdictComparesTheMeanDifferenceWithTheSeedSpread() {
        // α = 1.5 beats α = 0 by 0.05 with stds of 0.01 each; against α = 1 the gap (0.005) is inside the spread.
        String v = AlphaGrid.verdict("toy", List.of(cell(0, 0.89, 0.90, 0.91), cell(1, 0.94, 0.945, 0.95),
                cell(1.5, 0.94, 0.95, 0.96), cell(2, 0.5, 0.5, 0.5)));
        assertTrue(v.contains("best α ∉ {0, 1} is α = 1.5"), v);
        assertTrue(v.contains("vs α = 1 (0.9450 ± 0.0050): difference +0.0050, within"), v);
        assertTrue(v.contains("vs α = 0 (0.9000 ± 0.0100): difference +0.0500, better beyond"), v);
    }
}
