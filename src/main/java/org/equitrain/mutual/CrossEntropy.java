package org.equitrain.mutual;

import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.CustomOp;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Tensor;

/**
 * Softmax cross-entropy with integer labels as one op, computed in float64: {@code mean_b (LSE(z_b) − z_{b,y_b})}
 * with the closed-form gradient {@code (1/B)(softmax(z) − onehot(y))} (renyi-dml.md §3).
 */
public final class CrossEntropy {
    private CrossEntropy() {
    }

    /** The batch-mean cross-entropy of {@code [batch, classes]} logits against labels in {@code [0, classes)}. */
    public static Var mean(Var logits, int[] labels) {
        checkShape(logits, labels);
        double[] grad = new double[logits.value().size()];
        double total = addRows(logits.value().toDoubleArray(), labels, logits.dim(1), grad);
        Tensor closedForm = Tensor.wrap(grad, logits.shape()).to(logits.dtype());
        return CustomOp.of("crossEntropy", Tensor.scalar(logits.dtype(), total / labels.length), g -> new Var[] {
            GradMode.isEnabled()
                    ? Ops.mul(differentiableGradient(logits, labels), g)
                    : Ops.mul(Var.constant(closedForm), g)}, logits);
    }

    static void checkShape(Var logits, int[] labels) {
        if (logits.rank() != 2 || logits.dim(0) != labels.length) {
            throw new IllegalArgumentException("cross-entropy: logits " + logits.shape() + " do not fit "
                    + labels.length + " labels (expected [" + labels.length + ", classes])");
        }
    }

    /**
     * Adds the batch-mean gradient {@code (1/B)(softmax(z_b) − onehot(y_b))} of row-major {@code [B, classes]}
     * float64 logits into {@code grad} and returns the summed loss {@code Σ_b (LSE(z_b) − z_{b,y_b})}.
     */
    static double addRows(double[] z, int[] labels, int classes, double[] grad) {
        int batch = labels.length;
        double total = 0;
        for (int r = 0; r < batch; r++) {
            int y = labels[r];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("cross-entropy: label " + y + " of row " + r + " is outside [0, "
                        + classes + ")");
            }
            int off = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, z[off + k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(z[off + k] - max);
            }
            double lse = max + Math.log(sum);
            total += lse - z[off + y];
            for (int k = 0; k < classes; k++) {
                grad[off + k] += (Math.exp(z[off + k] - lse) - (k == y ? 1 : 0)) / batch;
            }
        }
        return total;
    }

    /** The same gradient built from differentiable ops of the logits, for createGraph passes. */
    static Var differentiableGradient(Var logits, int[] labels) {
        Tensor onehot = Tensor.zeros(logits.dtype(), logits.shape());
        for (int r = 0; r < labels.length; r++) {
            onehot.set(1.0, r, labels[r]);
        }
        return Ops.mulScalar(Ops.sub(Activations.softmax(logits, 1), Var.constant(onehot)), 1.0 / labels.length);
    }
}
