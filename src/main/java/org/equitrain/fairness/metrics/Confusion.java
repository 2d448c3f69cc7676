package org.equitrain.fairness.metrics;

/** Weighted confusion counts of one slice for its favourable label (one-vs-rest in multiclass tasks). */
public record Confusion(double tp, double fp, double tn, double fn) {
    static Confusion of(Slice s) {
        double tp = 0;
        double fp = 0;
        double tn = 0;
        double fn = 0;
        for (int i = 0; i < s.size(); i++) {
            double w = s.weight(i);
            boolean pos = s.positive(i);
            if (s.predictedPositive(i)) {
                if (pos) {
                    tp += w;
                } else {
                    fp += w;
                }
            } else if (pos) {
                fn += w;
            } else {
                tn += w;
            }
        }
        return new Confusion(tp, fp, tn, fn);
    }

    /** Total weight tp + fp + tn + fn. */
    public double total() {
        return tp + fp + tn + fn;
    }

    /** Weight of actual positives, tp + fn. */
    public double positives() {
        return tp + fn;
    }

    /** Weight of actual negatives, fp + tn. */
    public double negatives() {
        return fp + tn;
    }

    /** Weight of predicted positives, tp + fp. */
    public double predictedPositives() {
        return tp + fp;
    }

    /** Weight of predicted negatives, tn + fn. */
    public double predictedNegatives() {
        return tn + fn;
    }
}
