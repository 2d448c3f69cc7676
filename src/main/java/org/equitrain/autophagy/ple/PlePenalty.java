package org.equitrain.autophagy.ple;

import java.util.List;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Params;

/**
 * The autophagy penalty Pen(θ, {θ̃_m}) of PLE (spec §3), with θ̃_m = H(X̃_m) and θ̄ = (1/M) Σ_m θ̃_m:
 * <ul>
 *   <li>{@link Kind#DEBIASED} (default): ‖θ − θ̄‖² − (1/(M(M−1))) Σ_m ‖θ̃_m − θ̄‖², an unbiased estimate of
 *       ‖θ − E θ̃‖² (needs M ≥ 2);</li>
 *   <li>{@link Kind#PLAIN}: ‖θ − θ̄‖², whose mean adds tr Cov(θ̃)/M (rewards a shrunken H).</li>
 * </ul>
 * The squared norms run over every entry of every named tensor: summed ({@link Reduction#SUM}, default) or averaged
 * within each tensor before summing over tensors ({@link Reduction#PER_TENSOR_MEAN}).
 */
public final class PlePenalty {
    /** Penalty variants. */
    public enum Kind {
        /** ‖θ − θ̄‖² minus the spread of the θ̃_m, unbiased for ‖θ − E θ̃‖² (needs M ≥ 2). */
        DEBIASED,
        /** ‖θ − θ̄‖², biased upwards by tr Cov(θ̃)/M. */
        PLAIN
    }

    /** How entries are combined. */
    public enum Reduction {
        /** Squared entries summed over every tensor. */
        SUM,
        /** Squared entries averaged within each tensor, then summed over tensors. */
        PER_TENSOR_MEAN
    }

    private final Kind kind;
    private final Reduction reduction;

    /** The penalty of {@code kind}, combining entries by {@code reduction}. */
    public PlePenalty(Kind kind, Reduction reduction) {
        this.kind = kind;
        this.reduction = reduction;
    }

    /** The penalty variant. */
    public Kind kind() {
        return kind;
    }

    /** How entries are combined. */
    public Reduction reduction() {
        return reduction;
    }

    /** The scalar penalty; {@code synthetic} holds θ̃_1..θ̃_M with θ's names. */
    public Var value(Params theta, List<Params> synthetic) {
        int m = synthetic.size();
        if (m < 1 || (kind == Kind.DEBIASED && m < 2)) {
            throw new IllegalArgumentException("the " + kind + " penalty needs " + (kind == Kind.DEBIASED ? 2 : 1)
                    + " or more synthetic estimates, got " + m);
        }
        Var total = null;
        for (String name : theta.names()) {
            Var t = theta.asMap().get(name);
            Var mean = null;
            for (Params s : synthetic) {
                Var v = s.get(name);
                mean = mean == null ? v : Ops.add(mean, v);
            }
            mean = Ops.mulScalar(mean, 1.0 / m);
            Var term = squaredNorm(Ops.sub(t, mean));                         // ‖θ − θ̄‖²
            if (kind == Kind.DEBIASED) {
                Var spread = null;
                for (Params s : synthetic) {
                    Var d = squaredNorm(Ops.sub(s.get(name), mean));
                    spread = spread == null ? d : Ops.add(spread, d);
                }
                term = Ops.sub(term, Ops.mulScalar(spread, 1.0 / (m * (m - 1.0)))); // − Σ‖θ̃_m − θ̄‖²/(M(M−1))
            }
            if (reduction == Reduction.PER_TENSOR_MEAN) {
                term = Ops.mulScalar(term, 1.0 / t.value().size());
            }
            total = total == null ? term : Ops.add(total, term);
        }
        return total;
    }

    private static Var squaredNorm(Var d) {
        return Ops.sum(Ops.mul(d, d));
    }
}
