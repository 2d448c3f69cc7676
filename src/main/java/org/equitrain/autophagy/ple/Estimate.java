package org.equitrain.autophagy.ple;

import org.equitrain.nn.Params;

/**
 * What a {@link LearnedEstimator} returns for one data set: the raw outputs (a hypernetwork's head values) and the
 * model-facing parameters after the constraint maps. They are the same object for an estimator with no maps.
 */
public record Estimate(Params raw, Params constrained) {
}
