package org.equitrain.autophagy;

/**
 * One metric at one generation, across replicates: mean with its Monte-Carlo standard error, median, and the
 * central 95% interval (2.5th and 97.5th percentiles, linear interpolation between order statistics).
 */
public record GenerationSummary(int generation, double mean, double standardError, double median, double lower,
        double upper) {
}
