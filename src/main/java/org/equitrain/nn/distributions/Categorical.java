package org.equitrain.nn.distributions;

import java.util.SplittableRandom;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Indexing;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Elementwise;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/**
 * A distribution over class codes {0, ..., K−1} given by unnormalised log-probabilities (logits) [..., K]; leading
 * dims are a batch (e.g. one row of logits per example). Samples and inputs are codes stored as doubles.
 */
public final class Categorical implements Distribution {
    private final Var logits;

    /** From logits [..., K]; throws {@link ShapeException} for a scalar or K = 0. */
    public Categorical(Var logits) {
        if (logits.rank() < 1 || logits.dim(-1) == 0) {
            throw new ShapeException("Categorical", "needs logits of shape [..., K] with K > 0, got " + logits.shape());
        }
        this.logits = logits;
    }

    /** The logits [..., K] as given. */
    public Var logits() {
        return logits;
    }

    /** The number of classes K. */
    public int numClasses() {
        return logits.dim(-1);
    }

    /** log softmax of the logits, [..., K]. */
    public Var logProbs() {
        return Activations.logSoftmax(logits, -1);
    }

    /** The probabilities softmax(logits), [..., K]. */
    public Var probs() {
        return Activations.softmax(logits, -1);
    }

    /** log p(x) = logits[x] − logsumexp(logits), for codes x broadcasting against the batch shape. */
    @Override
    public Var logProb(Var x) {
        Shape batch = logits.shape().reduce(-1, false);
        Shape out = Shape.broadcast("Categorical.logProb", x.shape(), batch);
        int[] full = new int[out.rank() + 1];
        System.arraycopy(out.dims(), 0, full, 0, out.rank());
        full[out.rank()] = numClasses();
        Tensor codes = Elementwise.zip("Categorical.logProb", Tensor.zeros(DType.FLOAT64, out), x.value(), (z, c) -> c);
        int[] index = Indexing.codes("Categorical.logProb", codes, numClasses());
        return Indexing.gather(Ops.broadcastTo(logProbs(), Shape.of(full)), -1, index);
    }

    /** Codes of shape [n, ...batch], each row drawn by inverting its cumulative distribution. */
    @Override
    public Tensor sample(int n, SplittableRandom rng) {
        Tensor p = Activations.softmax(logits.detach(), -1).value();
        int k = numClasses();
        int rows = p.size() / k;
        Shape batch = logits.shape().reduce(-1, false);
        int[] dims = new int[batch.rank() + 1];
        dims[0] = n;
        System.arraycopy(batch.dims(), 0, dims, 1, batch.rank());
        Tensor out = Tensor.zeros(DType.FLOAT64, dims);
        for (int s = 0; s < n; s++) {
            for (int r = 0; r < rows; r++) {
                double u = rng.nextDouble();
                int c = 0;
                double acc = p.getFlat(r * k);
                while (u >= acc && c < k - 1) {
                    acc += p.getFlat(r * k + ++c);
                }
                out.setFlat(s * rows + r, c);
            }
        }
        return out;
    }
}
