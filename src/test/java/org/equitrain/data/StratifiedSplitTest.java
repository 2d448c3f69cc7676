package org.equitrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.equitrain.tensor.Permutations;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
    @Test
    void partsAreDisjointCoverTheDataAndFollowEveryCell() {
        Dataset d = Fixtures.tabular(1000, 7);
        Split s = d.split(0.6, 0.2, 123);
        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(Fixtures.ids(s.train())),
                Arrays.stream(Fixtures.ids(s.heldOut()))), Arrays.stream(Fixtures.ids(s.test()))).sorted().toArray();
        assertArrayEquals(Permutations.identity(1000), all);
        Map<List<Integer>, int[]> whole = StratifiedSplit.cells(d);
        Map<List<Integer>, int[]> train = StratifiedSplit.cells(s.train());
        Map<List<Integer>, int[]> held = StratifiedSplit.cells(s.heldOut());
        for (Map.Entry<List<Integer>, int[]> e : whole.entrySet()) {
            int n = e.getValue().length;
            assertEquals(0.6 * n, train.get(e.getKey()).length, 1.0, "train share of cell " + e.getKey());
            int h = held.containsKey(e.getKey()) ? held.get(e.getKey()).length : 0;
            assertEquals(0.2 * n, h, 1.0, "held-out share of cell " + e.getKey());
        }
        assertTrue(s.train().provenance().steps().get(0).contains("train"));
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Dataset d = Fixtures.tabular(300, 8);
        assertArrayEquals(Fixtures.ids(d.split(0.5, 0.1, 1).train()), Fixtures.ids(d.split(0.5, 0.1, 1).train()));
        assertFalse(Arrays.equals(Fixtures.ids(d.split(0.5, 0.1, 1).train()),
                Fixtures.ids(d.split(0.5, 0.1, 2).train())));
    }

    @Test
    void allocationRoundsByLargestRemainder() {
        assertArrayEquals(new int[] {6, 2, 2}, StratifiedSplit.allocate(10, new double[] {0.6, 0.2, 0.2}));
        assertArrayEquals(new int[] {1, 1, 1}, StratifiedSplit.allocate(3, new double[] {0.5, 0.25, 0.25}));
        assertArrayEquals(new int[] {5, 0, 0}, StratifiedSplit.allocate(5, new double[] {1, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> Fixtures.tabular(10, 1).split(0.8, 0.3, 1));
    }

    @Test
    void balancedRowsTakeTheSameNumberFromEveryCell() {
        Dataset d = Fixtures.tabular(2000, 9);
        Dataset b = d.select(StratifiedSplit.balancedRows(d, 5, 3));
        Map<List<Integer>, int[]> cells = StratifiedSplit.cells(b);
        assertEquals(StratifiedSplit.cells(d).size(), cells.size());
        cells.values().forEach(rows -> assertEquals(5, rows.length));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StratifiedSplit.balancedRows(d, 10_000, 3));
        assertTrue(e.getMessage().contains("fewer than 10000"), e.getMessage());
    }
}
