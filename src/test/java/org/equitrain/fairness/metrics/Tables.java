package org.equitrain.fairness.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small tables for tests: rows built from per-group confusion counts, and random tables. */
final class Tables {
    private Tables() {
    }

    /** Rows of one group with the given confusion counts (labels 1 = favourable), in TP, FP, TN, FN order. */
    record Cell(String group, int tp, int fp, int tn, int fn) {
    }

    static FrameInput.Builder fromConfusion(Cell... cells) {
        List<int[]> rows = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (Cell c : cells) {
            add(rows, groups, c.group(), c.tp(), 1, 1);
            add(rows, groups, c.group(), c.fp(), 0, 1);
            add(rows, groups, c.group(), c.tn(), 0, 0);
            add(rows, groups, c.group(), c.fn(), 1, 0);
        }
        int[] y = new int[rows.size()];
        int[] p = new int[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i)[0];
            p[i] = rows.get(i)[1];
        }
        return FrameInput.builder().yTrue(y).yPred(p).sensitive("g", groups.toArray(String[]::new));
    }

    private static void add(List<int[]> rows, List<String> groups, String g, int count, int y, int p) {
        for (int i = 0; i < count; i++) {
            rows.add(new int[] {y, p});
            groups.add(g);
        }
    }

    /** A random binary table with {@code groups} groups of unequal rates, scores correlated with the label. */
    static FrameInput.Builder random(int n, int groups, long seed, boolean weighted) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] y = new int[n];
        int[] p = new int[n];
        double[] s = new double[n];
        double[] w = new double[n];
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            int a = rng.nextInt(groups);
            g[i] = "g" + a;
            y[i] = rng.nextDouble() < 0.3 + 0.4 * a / Math.max(1, groups - 1) ? 1 : 0;
            s[i] = Math.min(1, 0.35 * y[i] + 0.65 * rng.nextDouble() + 0.05 * a);
            p[i] = s[i] > 0.5 ? 1 : 0;
            w[i] = 0.5 + rng.nextDouble();
        }
        FrameInput.Builder b = FrameInput.builder().yTrue(y).yPred(p).scores(s).sensitive("g", g);
        return weighted ? b.weights(w) : b;
    }
}
