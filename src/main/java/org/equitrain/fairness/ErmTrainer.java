package org.equitrain.fairness;

import java.util.Arrays;

/** Empirical risk minimisation: every weight 1, the real step descends the batch mean loss (forml.md §2). */
public final class ErmTrainer implements ReweightingTrainer {
    private int n;

    @Override
    public String name() {
        return "erm";
    }

    @Override
    public void start(GroupedData train) {
        n = train.size();
    }

    @Override
    public double[] stepCoefficients(BatchStep step) {
        double[] c = new double[step.size()];
        Arrays.fill(c, 1.0 / step.size());
        return c;
    }

    @Override
    public double[] weights() {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }
}
