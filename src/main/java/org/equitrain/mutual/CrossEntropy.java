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
        if (logits.rank() != 2 || logits.dim(0) != labels.length) {
            throw new IllegalArgumentException("cross-entropy: logits " + logits.shape() + " do not fit "
                    + labels.length + " labels (expected [" + labels.length + ", classes])");
        }
        int batch = labels.length;
        int classes = logits.dim(1);
        double[] z = logits.value().toDoubleArray();
        double[] grad = new double[z.length];
        Tensor onehot = Tensor.zeros(logits.dtype(), logits.shape());
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
                grad[off + k] = (Math.exp(z[off + k] - lse) - (k == y ? 1 : 0)) / batch;
            }
            onehot.setFlat(off + y, 1);
        }
        Tensor closedForm = Tensor.wrap(grad, logits.shape()).to(logits.dtype());
        return CustomOp.of("crossEntropy", Tensor.scalar(logits.dtype(), total / batch), g -> new Var[] {
            GradMode.isEnabled()
                    ? Ops.mul(Ops.mulScalar(Ops.sub(Activations.softmax(logits, 1), Var.constant(onehot)),
                            1.0 / batch), g)
                    : Ops.mul(Var.constant(closedForm), g)}, logits);
    }
}
