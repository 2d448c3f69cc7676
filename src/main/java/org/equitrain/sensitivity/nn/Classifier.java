package org.equitrain.sensitivity.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Context;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * A softmax classifier: a module and its parameters (updated in place by optimizers), evaluated without dropout or
 * batch statistics. Row b of an input belongs to example b.
 */
public record Classifier(Module module, Params params) {

    /** The logits [B, K] of the rows of {@code x}, with the graph recorded (for Jacobians and gradients). */
    public Var logits(Tensor x) {
        return module.forward(params, Var.constant(x), Context.eval());
    }

    /**
     * The logits [B, K] of the rows of {@code x} recorded for output Jacobians and layer signals only: the
     * parameters enter as constants (by name in {@code params}, to pass to {@code OutputJacobians} or
     * {@code GaussNewton}) and the input as a differentiable leaf. Backward passes to the layer outputs then form
     * no weight gradients, and nothing below the first layer's output is visited.
     */
    public record JacobianGraph(Var logits, Map<String, Var> params) {
    }

    /** See {@link JacobianGraph}. */
    public JacobianGraph jacobianGraph(Tensor x) {
        Map<String, Var> constants = new LinkedHashMap<>();
        params.asMap().forEach((name, v) -> constants.put(name, Var.constant(v.value())));
        return new JacobianGraph(module.forward(Params.of(constants), Var.param(x), Context.eval()), constants);
    }

    /** The logit values [B, K] without recording a graph. */
    public Tensor logitValues(Tensor x) {
        try (GradMode g = GradMode.off()) {
            return module.forward(params, Var.constant(x), Context.eval()).value();
        }
    }

    /** Gradients of the summed cross-entropy Σ_b ℓ_b of the batch. */
    public List<Tensor> sumLossGradients(Tensor x, int[] y) {
        return Grad.gradTensors(CrossEntropy.of(logits(x), y).sum(), params.vars());
    }

    /** Rows {@code idx} of {@code x} [N, ...] as a new float64 tensor [idx.length, ...]. */
    public static Tensor rows(Tensor x, int[] idx) {
        int[] dims = x.dims();
        int width = x.size() / dims[0];
        double[] out = new double[idx.length * width];
        if (x.dtype() == DType.FLOAT64) {
            double[] v = x.doubles();
            for (int r = 0; r < idx.length; r++) {
                System.arraycopy(v, idx[r] * width, out, r * width, width);
            }
        } else {
            float[] v = x.floats();
            for (int r = 0; r < idx.length; r++) {
                for (int j = 0, src = idx[r] * width; j < width; j++) {
                    out[r * width + j] = v[src + j];
                }
            }
        }
        dims[0] = idx.length;
        return Tensor.wrap(out, dims);
    }

    /**
     * Returns {@code batchSize} when it is 1 or more, else throws: the minibatched passes of this package step
     * through the rows by it, and 0 would never advance.
     */
    static int checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("sensitivity: batch size must be 1 or more, got " + batchSize);
        }
        return batchSize;
    }

    /** Labels {@code y[idx]}. */
    public static int[] labels(int[] y, int[] idx) {
        int[] out = new int[idx.length];
        for (int r = 0; r < idx.length; r++) {
            out[r] = y[idx[r]];
        }
        return out;
    }
}
