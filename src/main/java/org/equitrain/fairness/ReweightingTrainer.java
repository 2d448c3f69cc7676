package org.equitrain.fairness;

import org.equitrain.autodiff.perexample.LayerSignals;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;

/**
 * A per-example weighting rule for {@link ReweightedTraining}: ERM, Kamiran–Calders reweighing, L2RW or FORML
 * (forml.md §2, §4). At every step the loop hands the rule the batch and the layer signals of Σ_i ℓ_i(θ) (one
 * backward pass); the rule returns coefficients c_i and the real step descends Σ_i c_i ∇ℓ_i(θ).
 */
public interface ReweightingTrainer {
    /** One training step as the rule sees it: training rows, their signals at θ, the model and the learning rate. */
    record BatchStep(int[] rows, LayerSignals signals, Module model, Params params, double learningRate) {
        /** Number of rows in the batch. */
        public int size() {
            return rows.length;
        }
    }

    /** Short method name, e.g. "forml". */
    String name();

    /** Called once before training with the training set. */
    default void start(GroupedData train) {
    }

    /**
     * Coefficients c_i of the batch's examples for the real step Σ_i c_i ∇ℓ_i (e.g. 1/n for ERM); all zero means the
     * step is skipped (L2RW guard).
     */
    double[] stepCoefficients(BatchStep step);

    /** The weight of every training example after training (1 for ERM; the last per-batch weight for L2RW). */
    double[] weights();
}
