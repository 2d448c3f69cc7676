package org.equitrain.fairness;

import java.util.List;
import org.equitrain.fairness.metrics.FrameInput;
import org.equitrain.fairness.metrics.KamiranCaldersWeights;

/**
 * Kamiran–Calders reweighing (forml.md §2): static weights w(a, y) = P(A=a) P(Y=y) / P(A=a, Y=y) from the training
 * set, and the real step descends (1/n) Σ_i w_i ℓ_i.
 */
public final class ReweighingTrainer implements ReweightingTrainer {
    private double[] weights;
    private List<String> emptyCells = List.of();

    @Override
    public String name() {
        return "reweighing";
    }

    @Override
    public void start(GroupedData train) {
        KamiranCaldersWeights kc = KamiranCaldersWeights.of(FrameInput.builder().yTrue(train.y()).yPred(train.y())
                .numClasses(train.classes()).sensitive("group", train.groupOfRows()).build());
        weights = kc.rowWeights();
        emptyCells = kc.emptyCells();
    }

    @Override
    public double[] stepCoefficients(BatchStep step) {
        double[] c = new double[step.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = weights[step.rows()[i]] / step.size();
        }
        return c;
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** (group, label) cells without rows, which get no weight (reported, forml.md §2). */
    public List<String> emptyCells() {
        return emptyCells;
    }
}
