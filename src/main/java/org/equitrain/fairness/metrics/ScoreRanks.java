package org.equitrain.fairness.metrics;

import java.util.Arrays;

/**
 * The rank of each row's favourable-label score among the distinct scores of a table (ties share a rank). Computed
 * once per table and carried into bootstrap replicates, so the AUC of any slice needs no sort.
 */
record ScoreRanks(int[] rank, int levels) {
    static ScoreRanks of(double[] scores) {
        double[] distinct = scores.clone();
        Arrays.sort(distinct);
        int levels = 0;
        for (int i = 0; i < distinct.length; i++) {
            if (levels == 0 || distinct[i] != distinct[levels - 1]) {
                distinct[levels++] = distinct[i];
            }
        }
        int[] rank = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            rank[i] = Arrays.binarySearch(distinct, 0, levels, scores[i]);
        }
        return new ScoreRanks(rank, levels);
    }

    ScoreRanks subset(int[] rows) {
        int[] r = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            r[i] = rank[rows[i]];
        }
        return new ScoreRanks(r, levels);
    }
}
