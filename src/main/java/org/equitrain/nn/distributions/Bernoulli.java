package org.equitrain.nn.distributions;

import java.util.SplittableRandom;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/**
 * Independent coin flips over vectors of size d, given by logits [..., d] (p = σ(logit)); the event is the last
 * axis, as for {@link Normal}, so a per-example binary label uses logits [N, 1]. Inputs may be soft targets in
 * [0, 1] (then {@link #logProb} is the negative binary cross-entropy).
 */
public final class Bernoulli implements Distribution {
    private final Var logits;

    /** From logits [..., d]; throws {@link ShapeException} for a scalar. */
    public Bernoulli(Var logits) {
        if (logits.rank() < 1) {
            throw new ShapeException("Bernoulli", "needs logits of shape [..., d], got a scalar");
        }
        this.logits = logits;
    }

    /** The logits [..., d] as given. */
    public Var logits() {
        return logits;
    }

    /** The probabilities σ(logits), [..., d]. */
    public Var probs() {
        return Activations.sigmoid(logits);
    }

    /**
     * Σ_j [x_j log σ(l_j) + (1 − x_j) log(1 − σ(l_j))] in the stable form Σ_j [x_j·l_j − softplus(l_j)], which
     * stays finite for logits of any size.
     */
    @Override
    public Var logProb(Var x) {
        if (x.rank() < 1 || x.dim(-1) != logits.dim(-1)) {
            throw new ShapeException("Bernoulli.logProb", "samples of shape " + x.shape() + " for logits of shape "
                    + logits.shape());
        }
        return Ops.sum(x.mul(logits).sub(logits.softplus()), -1, false);
    }

    /** 0/1 draws of shape [n, ...logits shape]. */
    @Override
    public Tensor sample(int n, SplittableRandom rng) {
        Tensor p = Activations.sigmoid(logits.detach()).value();
        Shape s = logits.shape();
        int[] dims = new int[s.rank() + 1];
        dims[0] = n;
        System.arraycopy(s.dims(), 0, dims, 1, s.rank());
        Tensor out = Tensor.zeros(p.dtype(), dims);
        for (int i = 0; i < out.size(); i++) {
            out.setFlat(i, rng.nextDouble() < p.getFlat(i % p.size()) ? 1 : 0);
        }
        return out;
    }
}
