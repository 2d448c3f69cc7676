package org.equitrain.fairness;

import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.tensor.Tensor;

/** Class probabilities and arg-max classes of a softmax classifier, computed in eval mode without a tape. */
public record Predictions(int[] classes, double[][] probabilities) {
    /**
     * The predictions of {@code model} with {@code params} for the rows of {@code x} [N, d] (cast to the parameters'
     * dtype); arg-max ties go to the lower class.
     */
    public static Predictions of(Module model, Params params, Tensor x) {
        try (GradMode off = GradMode.off()) {
            Tensor p = Activations.softmax(model.forward(params, Var.constant(x.to(params.tensors().get(0).dtype()))),
                    1).value();
            int n = p.dim(0);
            int k = p.dim(1);
            int[] cls = new int[n];
            double[][] prob = new double[n][k];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    prob[i][c] = p.getFlat(i * k + c);
                    if (prob[i][c] > prob[i][cls[i]]) {
                        cls[i] = c;
                    }
                }
            }
            return new Predictions(cls, prob);
        }
    }

    /** Probability of class {@code c} for every row. */
    public double[] probability(int c) {
        double[] s = new double[classes.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = probabilities[i][c];
        }
        return s;
    }
}
