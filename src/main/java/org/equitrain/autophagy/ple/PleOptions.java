package org.equitrain.autophagy.ple;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The options of the PLE objective (spec §3 table), immutable; {@link #defaults()} then {@code with*}.
 *
 * @param weight λ ("pleWeight"), default 0.1 [paper]; 0 gives plain maximum likelihood through the estimator
 * @param penalty {@link PlePenalty.Kind#DEBIASED} (default) or {@link PlePenalty.Kind#PLAIN}
 * @param syntheticDraws M, synthetic data sets per conditioning set, default 2
 * @param syntheticSize ñ, samples per synthetic set; 0 (default) means the conditioning set's size (spec §2: keep
 *     ñ = n, the fixed point moves to 1/(ñ − 1) otherwise)
 * @param gradient how gradients pass through the synthetic branch, default {@link SyntheticGradient#FULL};
 *     {@link SyntheticGradient#STOP_TARGET} is unstable: its fixed point repels, so a flexible estimator runs away
 * @param reduction {@link PlePenalty.Reduction#SUM} (default) or per-tensor mean
 * @param coordinates {@link Coordinates#CONSTRAINED} (default) or {@link Coordinates#RAW}
 */
public record PleOptions(double weight, PlePenalty.Kind penalty, int syntheticDraws, int syntheticSize,
        SyntheticGradient gradient, PlePenalty.Reduction reduction, Coordinates coordinates) {

    /** Gradient paths through θ̃_m = H(X̃_m), X̃_m ~ p(·; H(X)). */
    public enum SyntheticGradient {
        /** Through θ̃_m, into H directly and through the reparameterised samples X̃_m into θ. */
        FULL,
        /**
         * θ̃_m detached: the penalty pulls θ towards the synthetic estimates only. Unstable: θ is pulled towards the
         * refit of its own samples, a fixed point that repels (spec §2–3: for σ̂² = cS the refit has mean
         * c²(n−1)S, above σ̂² whenever c > 1/(n−1)); a hypernetwork runs away, and {@link PleTrainer} stops it.
         */
        STOP_TARGET,
        /** X̃_m detached: gradients reach H through θ̃_m = H(X̃_m) but not the sampler. */
        STOP_SAMPLING
    }

    /** Which values the penalty compares. */
    public enum Coordinates {
        /** Model-facing parameters (variances, Σ, mixture weights), as the family defines them. */
        CONSTRAINED,
        /** Raw estimator outputs (hypernetwork heads). */
        RAW
    }

    /** Checks λ finite and ≥ 0, M ≥ 1 (M ≥ 2 for the debiased penalty) and ñ ≥ 0. */
    public PleOptions {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("the PLE weight λ must be finite and >= 0, got " + weight);
        }
        if (syntheticDraws < 1 || (penalty == PlePenalty.Kind.DEBIASED && syntheticDraws < 2)) {
            throw new IllegalArgumentException("the " + penalty + " penalty needs M >= "
                    + (penalty == PlePenalty.Kind.DEBIASED ? 2 : 1) + " synthetic draws, got " + syntheticDraws);
        }
        if (syntheticSize < 0) {
            throw new IllegalArgumentException("synthetic set size must be >= 0 (0 = conditioning size), got "
                    + syntheticSize);
        }
    }

    /** λ = 0.1, debiased, M = 2, ñ = n, full gradients, summed, constrained coordinates. */
    public static PleOptions defaults() {
        return new PleOptions(0.1, PlePenalty.Kind.DEBIASED, 2, 0, SyntheticGradient.FULL,
                PlePenalty.Reduction.SUM, Coordinates.CONSTRAINED);
    }

    /**
     * The options by name for results.json, enum values spelled as on the command line: weight, penalty,
     * synthetic_draws, synthetic_size (0 = the conditioning set's size), gradient, reduction, coordinates.
     */
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weight", weight);
        m.put("penalty", spelled(penalty));
        m.put("synthetic_draws", syntheticDraws);
        m.put("synthetic_size", syntheticSize);
        m.put("gradient", spelled(gradient));
        m.put("reduction", spelled(reduction));
        m.put("coordinates", spelled(coordinates));
        return m;
    }

    private static String spelled(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** This with λ = {@code lambda} (finite, ≥ 0). */
    public PleOptions withWeight(double lambda) {
        return new PleOptions(lambda, penalty, syntheticDraws, syntheticSize, gradient, reduction, coordinates);
    }

    /** Penalty kind and M together (a plain penalty may use M = 1, the debiased one needs M ≥ 2). */
    public PleOptions withPenalty(PlePenalty.Kind kind, int draws) {
        return new PleOptions(weight, kind, draws, syntheticSize, gradient, reduction, coordinates);
    }

    /** This with ñ = {@code size} (0: the conditioning set's size). */
    public PleOptions withSyntheticSize(int size) {
        return new PleOptions(weight, penalty, syntheticDraws, size, gradient, reduction, coordinates);
    }

    /** This with gradient paths {@code g}. */
    public PleOptions withGradient(SyntheticGradient g) {
        return new PleOptions(weight, penalty, syntheticDraws, syntheticSize, g, reduction, coordinates);
    }

    /** This with reduction {@code r}. */
    public PleOptions withReduction(PlePenalty.Reduction r) {
        return new PleOptions(weight, penalty, syntheticDraws, syntheticSize, gradient, r, coordinates);
    }

    /** This with the penalty comparing coordinates {@code c}. */
    public PleOptions withCoordinates(Coordinates c) {
        return new PleOptions(weight, penalty, syntheticDraws, syntheticSize, gradient, reduction, c);
    }
}
