package org.equitrain.fairness;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.equitrain.data.StratifiedSample;
import org.equitrain.nn.Module;
import org.equitrain.tensor.Permutations;

/**
 * FORML data condensation (forml.md §8): rank the training rows by their learned weight w_i, keep the top fraction
 * and retrain from scratch with uniform weights (ERM) on the kept rows; and the spec's two baselines of the same
 * size, a uniformly random subset and a (group, label)-stratified random subset. A subset is given as ascending
 * positions 0..N−1 of the training rows.
 *
 * <pre>{@code
 * double[] w = formlRun.method().weights();
 * int[] kept = Condensation.topRows(w, Condensation.keptCount(w.length, 0.25));
 * ReweightedTraining condensed = Condensation.retraining(freshModel, train, kept, config).fit();
 * }</pre>
 */
public final class Condensation {
    private Condensation() {
    }

    /**
     * Rows kept of {@code n} for {@code fraction} F, 0 &lt; F ≤ 1: round(F·n) with halves rounded up, at least 1
     * (a tiny fraction of a small set still keeps one row).
     */
    public static int keptCount(int n, double fraction) {
        if (!(fraction > 0 && fraction <= 1) || n < 1) {
            throw new IllegalArgumentException("condensation keeps a fraction in (0, 1] of 1 or more rows, got "
                    + fraction + " of " + n);
        }
        return (int) Math.max(1, Math.min(n, Math.round(fraction * n)));
    }

    /**
     * Positions of the {@code k} largest of {@code weights}, ascending. Ties go to the lower position, so the choice
     * is deterministic; weights must be finite and 0 or more, so a row of weight 0 is kept only after every row of
     * positive weight (forml.md §8: rows with w_i = 0 are the first candidates for removal).
     */
    public static int[] topRows(double[] weights, int k) {
        checkCount(weights.length, k);
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0 && weights[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("condensation ranks finite weights of 0 or more; row " + i
                        + " has weight " + weights[i]);
            }
        }
        Comparator<Integer> heavierFirst = Comparator.comparingDouble(i -> -(weights[i] + 0.0)); // −0.0 ties with 0
        return IntStream.range(0, weights.length).boxed().sorted(heavierFirst.thenComparingInt(i -> i)).limit(k)
                .mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Baseline: {@code k} of {@code n} rows drawn uniformly without replacement, {@code SplittableRandom(seed)}. */
    public static int[] randomRows(int n, int k, long seed) {
        checkCount(n, k);
        int[] rows = Permutations.sample(n, k, new SplittableRandom(seed));
        Arrays.sort(rows);
        return rows;
    }

    /**
     * Baseline: {@code k} rows of {@code data} drawn at random within its (group, label) cells, so the subset keeps
     * the cell frequencies up to rounding. Cell c of n_c rows gets ⌊k·n_c/N⌋ rows; the k − Σ⌊·⌋ rows left go one
     * each to the cells with the largest remainders of k·n_c/N (ties: the lower group, then the lower label), as
     * {@link StratifiedSample#apportion} shares them. Rows within a cell are drawn with one
     * {@code SplittableRandom(seed)}, cells in that order.
     */
    public static int[] stratifiedRows(GroupedData data, int k, long seed) {
        int n = data.size();
        checkCount(n, k);
        int cells = data.groupCount() * data.classes();
        int[][] members = new int[cells][];
        int[] size = new int[cells];
        for (int i = 0; i < n; i++) {
            size[cell(data, i)]++;
        }
        for (int c = 0; c < cells; c++) {
            members[c] = new int[size[c]];
            size[c] = 0;
        }
        for (int i = 0; i < n; i++) {
            int c = cell(data, i);
            members[c][size[c]++] = i;
        }
        int[] quota = StratifiedSample.apportion(size, k, n);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] rows = new int[k];
        int at = 0;
        for (int c = 0; c < cells; c++) {
            Permutations.shuffleFront(members[c], quota[c], rng);
            System.arraycopy(members[c], 0, rows, at, quota[c]);
            at += quota[c];
        }
        Arrays.sort(rows);
        return rows;
    }

    /**
     * The retraining of forml.md §8, not yet fitted (call {@code fit()}): ERM with uniform weights on the rows
     * {@code rows} of {@code train} only, through the same {@link ReweightedTraining} loop, from parameters
     * initialised afresh from {@code config}'s seed (modules hold no parameters, so {@code model} may be the one
     * the weights were learned with). {@code rows} are ascending positions without repeats, as the selections above
     * give them.
     */
    public static ReweightedTraining retraining(Module model, GroupedData train, int[] rows,
            ReweightedTraining.Config config) {
        checkCount(train.size(), rows.length);
        if (rows.length == 0) {
            throw new IllegalArgumentException("condensation kept no training rows: nothing to retrain on");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= train.size()) {
                throw new IllegalArgumentException("condensation: kept row " + rows[i] + " is not a position in 0.."
                        + (train.size() - 1));
            }
            if (i > 0 && rows[i] <= rows[i - 1]) {
                throw new IllegalArgumentException("condensation: kept rows must be ascending without repeats; "
                        + rows[i] + " follows " + rows[i - 1]);
            }
        }
        return new ReweightedTraining(model, train.select(rows), new ErmTrainer(), config);
    }

    private static int cell(GroupedData data, int row) {
        return data.group()[row] * data.classes() + data.y()[row];
    }

    private static void checkCount(int n, int k) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("condensation cannot keep " + k + " of " + n + " rows");
        }
    }
}
