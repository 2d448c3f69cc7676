package org.equitrain.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Nice tick values and their labels, and the number formats behind tables and SVG. */
class TicksTest {

    @Test
    void unitIntervalGetsFifths() {
        Ticks.Scale s = Ticks.linear(0, 1, 5);
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, s.ticks(), 1e-15);
        assertArrayEquals(new String[] {"0", "0.2", "0.4", "0.6", "0.8", "1"}, s.labels());
        assertEquals(0, s.lo());
        assertEquals(1, s.hi());
    }

    @Test
    void domainWidensToTheOutermostNiceTicks() {
        Ticks.Scale s = Ticks.linear(-3.7, 12.2, 5);
        assertArrayEquals(new double[] {-5, 0, 5, 10, 15}, s.ticks(), 0);
        assertArrayEquals(new String[] {"−5", "0", "5", "10", "15"}, s.labels());
        Ticks.Scale acc = Ticks.linear(0.8123, 0.9377, 5);
        assertArrayEquals(new String[] {"0.8", "0.82", "0.84", "0.86", "0.88", "0.9", "0.92", "0.94"}, acc.labels());
    }

    @Test
    void labelsCarryNoFloatingPointNoise() {
        Ticks.Scale s = Ticks.linear(0.1, 0.3, 4);
        assertArrayEquals(new String[] {"0.1", "0.15", "0.2", "0.25", "0.3"}, s.labels());
        assertEquals(0.15, s.ticks()[1], 0);
        Ticks.Scale tiny = Ticks.linear(0, 3e-3, 3);
        assertArrayEquals(new String[] {"0", "0.001", "0.002", "0.003"}, tiny.labels());
    }

    @Test
    void hugeValuesUseScientificLabels() {
        Ticks.Scale s = Ticks.linear(0, 3e7, 3);
        assertArrayEquals(new String[] {"0", "1e7", "2e7", "3e7"}, s.labels());
        Ticks.Scale fine = Ticks.linear(1.2e8, 1.3e8, 2);
        assertArrayEquals(new String[] {"1.2e8", "1.25e8", "1.3e8"}, fine.labels());
    }

    @Test
    void degenerateAndMissingRanges() {
        Ticks.Scale flat = Ticks.linear(5, 5, 4);
        assertTrue(flat.lo() <= 4.5 && flat.hi() >= 5.5, "a flat series still gets an axis around its value");
        Ticks.Scale zero = Ticks.linear(0, 0, 4);
        assertTrue(zero.lo() <= -1 && zero.hi() >= 1);
        Ticks.Scale none = Ticks.linear(Double.NaN, Double.NaN, 5);
        assertEquals(0, none.lo());
        assertEquals(1, none.hi());
    }

    @Test
    void logTicksAtDecades() {
        Ticks.Scale s = Ticks.log(0.003, 40);
        assertArrayEquals(new String[] {"0.001", "0.01", "0.1", "1", "10", "100"}, s.labels());
        assertEquals(0.001, s.lo(), 1e-18);
        assertEquals(100, s.hi(), 1e-12);
        assertEquals(0.5, s.fraction(Math.sqrt(0.001 * 100)), 1e-12);
    }

    @Test
    void shortLogRangesAddTwoAndFive() {
        Ticks.Scale s = Ticks.log(2, 30);
        assertArrayEquals(new String[] {"1", "2", "5", "10", "20", "50", "100"}, s.labels());
    }

    @Test
    void longLogRangesThinOutAndUseScientific() {
        Ticks.Scale s = Ticks.log(1e-9, 1e3);
        assertArrayEquals(new String[] {"1e−9", "1e−7", "1e−5", "0.001", "0.1", "10", "1000"}, s.labels());
    }

    @Test
    void numberText() {
        assertEquals("12.35", NumberText.coord(12.3456));
        assertEquals("-0.5", NumberText.coord(-0.5));
        assertEquals("7", NumberText.coord(7.001));
        assertEquals("0.05", NumberText.coord(0.05));
        assertEquals("0.000", NumberText.fixed(-0.0001, 3), "no negative zero");
        assertEquals("NaN", NumberText.fixed(Double.NaN, 2));
        assertEquals("1.25e-5", NumberText.scientific(1.25e-5, 4));
        assertEquals("3e6", NumberText.scientific(3e6, 3));
        assertEquals("0:07", NumberText.duration(7.2));
        assertEquals("1:02:03", NumberText.duration(3723));
        assertEquals("?", NumberText.duration(Double.NaN));
        assertEquals(4, NumberText.decimalsFor(0.84, 4), "0.8412");
        assertEquals(2, NumberText.decimalsFor(12.3456, 4), "12.35");
        assertEquals(0, NumberText.decimalsFor(30162, 4));
    }
}
