package org.equitrain.nn.losses;

import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/** Softmax cross-entropy from logits and integer class labels (PyTorch's {@code cross_entropy}). */
public final class CrossEntropy {
    private CrossEntropy() {
    }

    /**
     * ℓ_i = −log softmax(z_i)_{y_i} = −Σ_c [c = y_i] · logSoftmax(z_i)_c, computed with a constant one-hot mask so the
     * gradient is {@code softmax(z_i) − onehot(y_i)}. Logits [n, C], labels in [0, C).
     */
    public static PerExampleLoss of(Var logits, int[] labels) {
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
        Var picked = Ops.mul(Activations.logSoftmax(logits, 1), Var.constant(mask));
        return new PerExampleLoss("crossEntropy", Ops.neg(Ops.sum(picked, 1, false)));
    }
}
