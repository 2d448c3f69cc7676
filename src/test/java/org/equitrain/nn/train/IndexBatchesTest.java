package org.equitrain.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IndexBatchesTest {

    @Test
    void eachEpochIsASeededPermutationCutIntoBatches() {
        IndexBatches batches = new IndexBatches(10, 4, 7, false);
        assertEquals(3, batches.batchesPerEpoch());
        int[][] e0 = batches.epoch(0);
        assertEquals(4, e0[0].length);
        assertEquals(2, e0[2].length);
        int[] all = Arrays.stream(e0).flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);
        assertArrayEquals(batches.order(0), new IndexBatches(10, 4, 7, false).order(0));
        assertFalse(Arrays.equals(batches.order(0), batches.order(1)));
        assertFalse(Arrays.equals(batches.order(0), new IndexBatches(10, 4, 8, false).order(0)));
    }

    @Test
    void dropLastDiscardsThePartialBatch() {
        IndexBatches batches = new IndexBatches(10, 4, 7, true);
        assertEquals(2, batches.batchesPerEpoch());
        assertEquals(2, batches.epoch(3).length);
        assertThrows(IllegalArgumentException.class, () -> new IndexBatches(3, 4, 7, true));
    }

    @Test
    void shufflesAreRoughlyUniform() {
        // Over many epochs each example lands in each position about equally often.
        int n = 5;
        int epochs = 20_000;
        int[][] counts = new int[n][n];
        IndexBatches batches = new IndexBatches(n, n, 3, false);
        for (int e = 0; e < epochs; e++) {
            int[] order = batches.order(e);
            for (int pos = 0; pos < n; pos++) {
                counts[order[pos]][pos]++;
            }
        }
        for (int[] row : counts) {
            for (int c : row) {
                assertEquals(epochs / (double) n, c, 5 * Math.sqrt(epochs / (double) n));
            }
        }
    }
}
