package org.equitrain.fairness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.tensor.Permutations;

/**
 * Held-out minibatches (forml.md §6): the whole held-out set when it has at most {@code batchSize} rows, else a
 * seeded sample stratified over (group, label) cells, each cell contributing in proportion to its size and at
 * least one row, so no group disappears from a batch.
 */
public final class HeldOutBatches {
    private final GroupedData heldOut;
    private final int batchSize;
    private final SplittableRandom rng;
    private final List<int[]> cells = new ArrayList<>();

    /**
     * Batches of about {@code batchSize ≥ 1} rows from {@code heldOut} (not empty), sampled with {@code seed}.
     */
    public HeldOutBatches(GroupedData heldOut, int batchSize, long seed) {
        if (heldOut.size() == 0) {
            throw new IllegalArgumentException("the held-out set is empty");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("held-out batches need 1 or more rows, got " + batchSize);
        }
        this.heldOut = heldOut;
        this.batchSize = batchSize;
        this.rng = new SplittableRandom(seed);
        Map<Integer, List<Integer>> byCell = new LinkedHashMap<>();
        for (int j = 0; j < heldOut.size(); j++) {
            byCell.computeIfAbsent(heldOut.group()[j] * heldOut.classes() + heldOut.y()[j], k -> new ArrayList<>())
                    .add(j);
        }
        byCell.values().forEach(l -> cells.add(l.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** The whole held-out set. */
    public GroupedData all() {
        return heldOut;
    }

    /** The next held-out batch. */
    public GroupedData next() {
        if (heldOut.size() <= batchSize) {
            return heldOut;
        }
        List<Integer> rows = new ArrayList<>();
        for (int[] cell : cells) {
            int k = Math.max(1, (int) Math.round((double) batchSize * cell.length / heldOut.size()));
            Permutations.shuffleFront(cell, k, rng);
            for (int i = 0; i < k; i++) {
                rows.add(cell[i]);
            }
        }
        return heldOut.select(rows.stream().mapToInt(Integer::intValue).toArray());
    }
}
