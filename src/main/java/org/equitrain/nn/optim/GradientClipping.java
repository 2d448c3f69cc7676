package org.equitrain.nn.optim;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.tensor.Elementwise;
import org.equitrain.tensor.Tensor;

/** Gradient clipping by global norm (PyTorch's {@code clip_grad_norm_}), returning new tensors. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** Gradients after clipping and the global norm they had before it. */
    public record Clipped(List<Tensor> grads, double norm) {
    }

    /** ‖g‖ = √(Σ_i ‖g_i‖²) over all tensors. */
    public static double globalNorm(List<Tensor> grads) {
        double ss = 0;
        for (Tensor g : grads) {
            for (int i = 0; i < g.size(); i++) {
                double v = g.getFlat(i);
                ss += v * v;
            }
        }
        return Math.sqrt(ss);
    }

    /**
     * Scales every gradient by {@code min(1, maxNorm / (‖g‖ + 1e-6))} as PyTorch does. The inputs are not modified
     * (gradient tensors may be shared between parameters); unclipped gradients are returned as they are.
     */
    public static Clipped byGlobalNorm(List<Tensor> grads, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clipping needs a maximum norm > 0, got " + maxNorm);
        }
        double norm = globalNorm(grads);
        double coef = maxNorm / (norm + 1e-6);
        if (coef >= 1) {
            return new Clipped(grads, norm);
        }
        List<Tensor> out = new ArrayList<>(grads.size());
        for (Tensor g : grads) {
            out.add(Elementwise.map(g, v -> v * coef));
        }
        return new Clipped(out, norm);
    }
}
