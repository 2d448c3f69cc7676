package org.equitrain.autophagy.ple;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Params;

/**
 * The PLE training objective for one conditioning set X (PLE spec §2, v3 Eq. 5–6):
 * <pre>
 *   L(φ; X) = −(1/n) Σ_i log p(x_i; H_φ(X)) + λ · Pen(H_φ(X), {H_φ(X̃_m)}_{m=1..M}),
 *   X̃_m ~ p(·; H_φ(X)) drawn with the reparameterisation trick, |X̃_m| = ñ.
 * </pre>
 * With λ = 0 no synthetic sets are drawn and L is the mean NLL through the estimator.
 */
public final class PleObjective {
    private final DensityFamily family;
    private final LearnedEstimator estimator;
    private final PleOptions options;
    private final PlePenalty penalty;

    /** The objective of {@code estimator} for densities of {@code family}, with {@code options}. */
    public PleObjective(DensityFamily family, LearnedEstimator estimator, PleOptions options) {
        this.family = family;
        this.estimator = estimator;
        this.options = options;
        this.penalty = new PlePenalty(options.penalty(), options.reduction());
    }

    /** The density family. */
    public DensityFamily family() {
        return family;
    }

    /** The estimator H_φ. */
    public LearnedEstimator estimator() {
        return estimator;
    }

    /** The objective's options. */
    public PleOptions options() {
        return options;
    }

    /** The objective's terms: {@code total = nll + λ·penalty}; penalty is null when λ = 0. */
    public record Terms(Var total, Var nll, Var penalty, Estimate estimate) {
    }

    /** L(φ; X) for the data set {@code data} [n, d]; synthetic noise comes from {@code rng}. */
    public Terms evaluate(Params phi, Var data, SplittableRandom rng) {
        Function<Var, Estimate> h = estimator.bind(phi); // H_φ on 1 + M sets, data-independent parts computed once
        Estimate est = h.apply(data);
        Var nll = family.meanNll(est.constrained(), data);
        if (options.weight() == 0) {
            return new Terms(nll, nll, null, est);
        }
        int size = options.syntheticSize() > 0 ? options.syntheticSize() : data.dim(0);
        List<Params> synthetic = new ArrayList<>(options.syntheticDraws());
        for (int m = 0; m < options.syntheticDraws(); m++) {
            Var xs = family.sample(est.constrained(), size, rng);
            synthetic.add(switch (options.gradient()) {
                case FULL -> coordinates(h.apply(xs));
                case STOP_SAMPLING -> coordinates(h.apply(xs.detach()));
                case STOP_TARGET -> detachedCoordinates(h, xs);
            });
        }
        Var pen = penalty.value(coordinates(est), synthetic);
        return new Terms(Ops.add(nll, Ops.mulScalar(pen, options.weight())), nll, pen, est);
    }

    private Params coordinates(Estimate e) {
        return options.coordinates() == PleOptions.Coordinates.RAW ? e.raw()
                : family.penaltyCoordinates(e.constrained());
    }

    private Params detachedCoordinates(Function<Var, Estimate> h, Var xs) {
        try (GradMode off = GradMode.off()) {
            return coordinates(h.apply(xs.detach()));
        }
    }
}
