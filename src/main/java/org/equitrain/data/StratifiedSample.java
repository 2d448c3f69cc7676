package org.equitrain.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.equitrain.tensor.Permutations;

/**
 * A seeded random subset of exactly k rows, stratified by (label, group) cells like {@link StratifiedSplit}: each
 * cell of n_c rows gets ⌊k·n_c/N⌋ rows, and the k − Σ⌊·⌋ rows left go to the cells with the largest fractional
 * remainders (ties: the first cell in {@link StratifiedSplit#cells} order). Rows keep their original order.
 * (A split with train fraction k/N rounds every cell on its own, so its train part can miss k by a few rows.)
 */
public final class StratifiedSample {
    private StratifiedSample() {
    }

    /** {@code k} rows of {@code data} (0 ≤ k ≤ size), drawn with {@code seed}. */
    public static Dataset of(Dataset data, int k, long seed) {
        if (k < 0 || k > data.size()) {
            throw new IllegalArgumentException("a stratified sample of " + k + " rows needs 0 <= k <= "
                    + data.size() + " (the rows of " + data.name() + ")");
        }
        List<int[]> cells = new ArrayList<>(StratifiedSplit.cells(data).values());
        int[] counts = apportion(cells.stream().mapToInt(c -> c.length).toArray(), k, data.size());
        boolean[] keep = new boolean[data.size()];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int c = 0; c < cells.size(); c++) {
            int[] cell = cells.get(c).clone();
            Permutations.shuffle(cell, rng);
            for (int i = 0; i < counts[c]; i++) {
                keep[cell[i]] = true;
            }
        }
        Dataset d = data.select(IntStream.range(0, keep.length).filter(i -> keep[i]).toArray());
        return d.toBuilder().provenance(d.provenance().then("stratified sample of " + k + " of " + data.size()
                + " rows by (label, " + data.groupNames() + ") seed " + seed)).build();
    }

    /**
     * Largest-remainder apportionment of k among cells of the given sizes (total {@code n}): cell c gets
     * ⌊k·size_c/n⌋, and the rows left go one each to the largest remainders (ties: the lower cell).
     */
    public static int[] apportion(int[] sizes, int k, int n) {
        int[] counts = new int[sizes.length];
        long[] remainder = new long[sizes.length]; // exact: k·size mod n
        int used = 0;
        for (int c = 0; c < sizes.length; c++) {
            long exact = (long) k * sizes[c];
            counts[c] = (int) (exact / n);
            remainder[c] = exact % n;
            used += counts[c];
        }
        for (; used < k; used++) {
            int best = -1;
            for (int c = 0; c < sizes.length; c++) {
                if (remainder[c] >= 0 && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            counts[best]++;
            remainder[best] = -1;
        }
        return counts;
    }
}
