package org.equitrain.fairness.metrics;

/**
 * The confusion-table metrics of spec §2, for the favourable label (one-vs-rest in multiclass tasks), weighted when
 * sample weights are given. An undefined value (zero denominator) is NaN with the reason, never 0.
 */
public final class RateMetrics {
    private RateMetrics() {
    }

    static final String NO_ROWS = "has no rows";
    static final String NO_POSITIVES = "has no positive labels";
    static final String NO_NEGATIVES = "has no negative labels";
    static final String NO_PREDICTED_POSITIVES = "has no positive predictions";
    static final String NO_PREDICTED_NEGATIVES = "has no negative predictions";

    /** n_g: the (weighted) number of rows. */
    public static final Metric COUNT = s -> MetricValue.of(s.totalWeight());

    /** n_g / n. */
    public static final Metric RELATIVE_SIZE =
            s -> MetricValue.ratio(s.totalWeight(), s.populationWeight(), "is part of a table with no weight");

    /** SR = (TP + FP) / n_g = P(Ŷ = 1 | A = g). */
    public static final Metric SELECTION_RATE = s -> {
        Confusion c = s.confusion();
        return MetricValue.ratio(c.predictedPositives(), c.total(), NO_ROWS);
    };

    /** TPR = TP / (TP + FN) (recall). */
    public static final Metric TRUE_POSITIVE_RATE = s -> {
        Confusion c = s.confusion();
        return MetricValue.ratio(c.tp(), c.positives(), NO_POSITIVES);
    };

    /** FNR = FN / (TP + FN) = 1 − TPR. */
    public static final Metric FALSE_NEGATIVE_RATE = s -> {
        Confusion c = s.confusion();
        return MetricValue.ratio(c.fn(), c.positives(), NO_POSITIVES);
    };

    /** FPR = FP / (FP + TN). */
    public static final Metric FALSE_POSITIVE_RATE = s -> {
        Confusion c = s.confusion();
        return MetricValue.ratio(c.fp(), c.negatives(), NO_NEGATIVES);
    };

    /** TNR = TN / (FP + TN) = 1 − FPR. */
    public static final Metric TRUE_NEGATIVE_RATE = s -> {
        Confusion c = s.confusion();
        return MetricValue.ratio(c.tn(), c.negatives(), NO_NEGATIVES);
    };

    /** Precision (PPV) = TP / (TP + FP). */
    public static final Metric PRECISION = s -> {
        Confusion c = s.confusion();
        return MetricValue.ratio(c.tp(), c.predictedPositives(), NO_PREDICTED_POSITIVES);
    };

    /** FDR = FP / (TP + FP) = 1 − PPV. */
    public static final Metric FALSE_DISCOVERY_RATE = s -> {
        Confusion c = s.confusion();
        return MetricValue.ratio(c.fp(), c.predictedPositives(), NO_PREDICTED_POSITIVES);
    };

    /** NPV = TN / (TN + FN). */
    public static final Metric NEGATIVE_PREDICTIVE_VALUE = s -> {
        Confusion c = s.confusion();
        return MetricValue.ratio(c.tn(), c.predictedNegatives(), NO_PREDICTED_NEGATIVES);
    };

    /** FOR = FN / (TN + FN) = 1 − NPV. */
    public static final Metric FALSE_OMISSION_RATE = s -> {
        Confusion c = s.confusion();
        return MetricValue.ratio(c.fn(), c.predictedNegatives(), NO_PREDICTED_NEGATIVES);
    };

    /** Accuracy = weighted share of rows with ŷ = y; for binary tasks (TP + TN) / n_g. Multiclass: exact match. */
    public static final Metric ACCURACY = s -> {
        double correct = 0;
        double total = 0;
        for (int i = 0; i < s.size(); i++) {
            double w = s.weight(i);
            total += w;
            if (s.yTrue(i) == s.yPred(i)) {
                correct += w;
            }
        }
        return MetricValue.ratio(correct, total, NO_ROWS);
    };

    /** Error rate = 1 − accuracy. */
    public static final Metric ERROR_RATE = s -> {
        MetricValue acc = ACCURACY.compute(s);
        return acc.isDefined() ? MetricValue.of(1 - acc.value()) : acc;
    };

    /** Base rate = (TP + FN) / n_g = P(Y = 1 | A = g). */
    public static final Metric BASE_RATE = s -> {
        Confusion c = s.confusion();
        return MetricValue.ratio(c.positives(), c.total(), NO_ROWS);
    };
}
