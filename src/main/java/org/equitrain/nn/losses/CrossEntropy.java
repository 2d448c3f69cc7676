package org.equitrain.nn.losses;

import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.CustomOp;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.RowSoftmax;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/**
 * Softmax cross-entropy from logits and integer class labels (PyTorch's {@code cross_entropy}): per example with
 * {@link #of}, or its batch mean as one closed-form op with {@link #mean}.
 */
public final class CrossEntropy {
    private CrossEntropy() {
    }

    /**
     * ℓ_i = −log softmax(z_i)_{y_i} = −Σ_c [c = y_i] · logSoftmax(z_i)_c, computed with a constant one-hot mask so the
     * gradient is {@code softmax(z_i) − onehot(y_i)}. Logits [n, C], labels in [0, C).
     */
    public static PerExampleLoss of(Var logits, int[] labels) {
        Var picked = Ops.mul(Activations.logSoftmax(logits, 1), Var.constant(onehot(logits, labels)));
        return new PerExampleLoss("crossEntropy", Ops.neg(Ops.sum(picked, 1, false)));
    }

    /**
     * {@code of(logits, labels).mean()} as one op computed in float64: {@code mean_b (LSE(z_b) − z_{b,y_b})} with
     * the closed-form gradient {@code (1/B)(softmax(z) − onehot(y))}, and a differentiable one in createGraph passes.
     */
    public static Var mean(Var logits, int[] labels) {
        Tensor onehot = onehot(logits, labels);
        double[] grad = new double[logits.value().size()];
        double total = addMeanGradient(logits.value().toDoubleArray(), labels, logits.dim(1), grad);
        Tensor closedForm = Tensor.wrap(grad, logits.shape()).to(logits.dtype());
        return CustomOp.of("crossEntropy", Tensor.scalar(logits.dtype(), total / labels.length), g -> new Var[] {
            GradMode.isEnabled()
                    ? Ops.mul(meanGradient(logits, onehot), g)
                    : Ops.mul(Var.constant(closedForm), g)}, logits);
    }

    /**
     * The float64 kernel of {@link #mean} for loss heads that fuse it with other terms: adds
     * {@code (1/B)(softmax(z_b) − onehot(y_b))} for row-major {@code [B, classes]} logits {@code z} into
     * {@code grad} and returns the summed loss {@code Σ_b (LSE(z_b) − z_{b,y_b})}. Labels must be in range (as
     * {@link #onehot} checks).
     */
    public static double addMeanGradient(double[] z, int[] labels, int classes, double[] grad) {
        double[] logProbs = new double[z.length];
        double[] probs = new double[z.length];
        for (int off = 0; off < z.length; off += classes) {
            RowSoftmax.logSoftmax(z, off, classes, 1, logProbs, off, probs);
        }
        return addMeanGradient(logProbs, probs, labels, classes, grad);
    }

    /**
     * The same from log softmax(z) and softmax(z) already at hand: adds {@code (1/B)(probs_b − onehot(y_b))} into
     * {@code grad} and returns {@code −Σ_b logProbs_{b,y_b}}.
     */
    public static double addMeanGradient(double[] logProbs, double[] probs, int[] labels, int classes,
            double[] grad) {
        int batch = labels.length;
        double perExample = 1.0 / batch;
        double total = 0;
        for (int r = 0; r < batch; r++) {
            int y = labels[r];
            int off = r * classes;
            total -= logProbs[off + y];
            for (int k = 0; k < classes; k++) {
                grad[off + k] += probs[off + k] * perExample;
            }
            grad[off + y] -= perExample;
        }
        return total;
    }

    /** {@code (1/B)(softmax(z) − onehot)} from differentiable ops of the logits, for createGraph passes. */
    public static Var meanGradient(Var logits, Tensor onehot) {
        return Ops.mulScalar(Ops.sub(Activations.softmax(logits, 1), Var.constant(onehot)), 1.0 / logits.dim(0));
    }

    /** The one-hot matrix of {@code labels} for {@code [n, classes]} logits, checking shapes and label range. */
    public static Tensor onehot(Var logits, int[] labels) {
        if (logits.rank() != 2 || logits.dim(0) != labels.length) {
            throw new ShapeException("crossEntropy", "logits " + logits.shape() + " for " + labels.length
                    + " labels (expected [" + labels.length + ", classes])");
        }
        int classes = logits.dim(1);
        Tensor mask = Tensor.zeros(logits.dtype(), labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("crossEntropy: label " + labels[i] + " of example " + i
                        + " is outside [0, " + classes + ")");
            }
            mask.set(1.0, i, labels[i]);
        }
        return mask;
    }
}
