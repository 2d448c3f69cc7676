package org.equitrain.fairness;

import org.equitrain.fairness.metrics.Aggregate;
import org.equitrain.fairness.metrics.Disparities;
import org.equitrain.fairness.metrics.FrameInput;

/**
 * Test-set accuracy and equal-opportunity difference ("EO gap": the largest difference of true-positive rates
 * between groups, fairness-metrics.md §4) of predictions for the rows of {@code data}; {@code eoGapReason} says why
 * the EO gap is NaN (fairness-metrics.md §5: never a silent NaN), null when it is a number.
 */
public record Evaluation(double accuracy, double eoGap, String eoGapReason) {
    /**
     * Accuracy and EO gap of {@code predicted} (one class per row of {@code data}, same order) against the true labels.
     */
    public static Evaluation of(int[] predicted, GroupedData data) {
        if (predicted.length != data.size()) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + data.size() + " rows");
        }
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == data.y()[i] ? 1 : 0;
        }
        Aggregate eo = Disparities.of(frame(predicted, data)).equalOpportunityDifference();
        return new Evaluation(correct / (double) predicted.length, eo.value(), eo.isDefined() ? null : eo.reason());
    }

    /** The rows as a {@link FrameInput}: true labels, predictions, the group by name, the favourable class. */
    public static FrameInput frame(int[] predicted, GroupedData data) {
        return FrameInput.builder().yTrue(data.y()).yPred(predicted).numClasses(data.classes())
                .favourable(data.favourable()).sensitive("group", data.groupOfRows()).build();
    }
}
