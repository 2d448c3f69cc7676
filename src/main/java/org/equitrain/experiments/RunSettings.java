package org.equitrain.experiments;

import org.equitrain.report.Results;

/**
 * How an experiment runs: {@code quick} (minutes on a 2-core machine: fewer epochs and seeds, subsets) or full
 * (the protocol of the method's spec), and the base seed from which every random choice is derived.
 */
public record RunSettings(boolean quick, long seed) {
    /** A value chosen by mode: {@code quick ? q : full}. */
    public int pick(int q, int full) {
        return quick ? q : full;
    }

    /** The base seed offset by {@code i}, for the i-th replicate of an experiment. */
    public long seed(int i) {
        return seed * 1_000_003L + i;
    }

    /**
     * Starts the experiment's results with these settings as its options ({@code mode} quick or full, {@code
     * base_seed}), so that results.json and the report say how it was run. Call it first: the wall clock starts here.
     */
    public Results results(String experiment) {
        return Results.start(experiment).option("mode", quick ? "quick" : "full").option("base_seed", seed);
    }
}
