package org.equitrain.data;

import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Reductions;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Context;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.tensor.Tensor;

/** A classifier's arg-max classes over the rows of a matrix, and their accuracy. */
public final class ArgmaxPredictions {
    private static final int CHUNK = 1000;

    private ArgmaxPredictions() {
    }

    /** The arg-max logit of every row of {@code x} [N, d] under {@code ctx}, without a tape, 1,000 rows at a time. */
    public static int[] of(Module model, Params params, Tensor x, Context ctx) {
        int n = x.dim(0);
        int[] pred = new int[n];
        try (GradMode off = GradMode.off()) {
            for (int start = 0; start < n; start += CHUNK) {
                int[] rows = Rows.range(start, Math.min(n, start + CHUNK));
                Tensor logits = model.forward(params, Var.constant(Rows.select(x, rows)), ctx).value();
                System.arraycopy(Reductions.argmax(logits, 1), 0, pred, start, rows.length);
            }
        }
        return pred;
    }

    /** The fraction of {@code predicted} classes equal to {@code labels}. */
    public static double accuracy(int[] predicted, int[] labels) {
        int correct = 0;
        for (int r = 0; r < predicted.length; r++) {
            correct += predicted[r] == labels[r] ? 1 : 0;
        }
        return correct / (double) predicted.length;
    }
}
