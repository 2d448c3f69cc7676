package org.equitrain.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.equitrain.tensor.Permutations;

/**
 * Seeded train / held-out / test splits stratified by (label, group) cells (forml.md §6, §9): every cell
 * (a class label together with one combination of all group columns) is shuffled and divided in the requested
 * proportions, so each part keeps the cell frequencies of the whole up to rounding.
 *
 * <p>Rounding: a cell of n rows gets ⌊n·f⌋ rows per part, and its remaining rows go to the parts with the largest
 * fractional remainders (ties: train, held-out, test). Rows keep their original order within each part.
 */
public final class StratifiedSplit {
    private StratifiedSplit() {
    }

    /** Splits {@code data}; fractions must be non-negative and sum to at most 1; the test part gets the rest. */
    public static Split of(Dataset data, double trainFraction, double heldOutFraction, long seed) {
        if (trainFraction < 0 || heldOutFraction < 0 || trainFraction + heldOutFraction > 1 + 1e-12) {
            throw new IllegalArgumentException("split fractions train=" + trainFraction + ", held-out="
                    + heldOutFraction + " must be non-negative with a sum of at most 1");
        }
        double[] f = {trainFraction, heldOutFraction, Math.max(0, 1 - trainFraction - heldOutFraction)};
        boolean[][] member = new boolean[3][data.size()];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int[] cell : cells(data).values()) {
            Permutations.shuffle(cell, rng);
            int[] counts = allocate(cell.length, f);
            int at = 0;
            for (int part = 0; part < 3; part++) {
                for (int c = 0; c < counts[part]; c++) {
                    member[part][cell[at++]] = true;
                }
            }
        }
        String step = "split " + trainFraction + "/" + heldOutFraction + "/" + f[2] + " stratified by (label, "
                + data.groupNames() + ") seed " + seed;
        return new Split(part(data, member[0], step + ": train"), part(data, member[1], step + ": held-out"),
                part(data, member[2], step + ": test"));
    }

    private static Dataset part(Dataset data, boolean[] in, String step) {
        int[] rows = java.util.stream.IntStream.range(0, in.length).filter(i -> in[i]).toArray();
        Dataset d = data.select(rows);
        return d.toBuilder().provenance(d.provenance().then(step)).build();
    }

    /** Rows per part for a cell of {@code n} rows: floors, then remainders by largest fractional part. */
    static int[] allocate(int n, double[] f) {
        int[] counts = new int[f.length];
        double[] rem = new double[f.length];
        int used = 0;
        for (int k = 0; k < f.length; k++) {
            double exact = n * f[k];
            counts[k] = (int) Math.floor(exact + 1e-9);
            rem[k] = exact - counts[k];
            used += counts[k];
        }
        while (used < n) {
            int best = 0;
            for (int k = 1; k < f.length; k++) {
                if (rem[k] > rem[best] + 1e-12) {
                    best = k;
                }
            }
            counts[best]++;
            rem[best] = -1;
            used++;
        }
        return counts;
    }

    /**
     * The (label, group...) cells of {@code data}: cell key to its rows in ascending order. Keys are ordered by
     * label, then the group codes in column order; only non-empty cells appear.
     */
    public static Map<List<Integer>, int[]> cells(Dataset data) {
        List<CategoricalColumn> groups = new ArrayList<>();
        for (String g : data.groupNames()) {
            groups.add(data.group(g));
        }
        Map<List<Integer>, List<Integer>> rows = new TreeMap<>(StratifiedSplit::compareKeys);
        for (int i = 0; i < data.size(); i++) {
            List<Integer> key = new ArrayList<>(groups.size() + 1);
            key.add(data.label(i));
            for (CategoricalColumn g : groups) {
                key.add(g.code(i));
            }
            rows.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        Map<List<Integer>, int[]> out = new TreeMap<>(StratifiedSplit::compareKeys);
        rows.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    private static int compareKeys(List<Integer> a, List<Integer> b) {
        for (int k = 0; k < a.size(); k++) {
            int c = Integer.compare(a.get(k), b.get(k));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * Rows of a (label, group)-balanced subset: {@code perCell} seeded random rows from every cell (forml.md §6,
     * balanced held-out set). A cell with fewer rows is an error naming the cell.
     */
    public static int[] balancedRows(Dataset data, int perCell, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> out = new ArrayList<>();
        for (Map.Entry<List<Integer>, int[]> e : cells(data).entrySet()) {
            int[] cell = e.getValue().clone();
            if (cell.length < perCell) {
                throw new IllegalArgumentException("dataset '" + data.name() + "': cell (label, groups " + data.groupNames()
                        + ") = " + e.getKey() + " has " + cell.length + " rows, fewer than " + perCell);
            }
            Permutations.shuffle(cell, rng);
            for (int c = 0; c < perCell; c++) {
                out.add(cell[c]);
            }
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
