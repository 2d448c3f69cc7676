/**
 * Fairness metrics on primitive arrays (spec {@code methods/fairness-metrics.md}), modelled on Fairlearn's
 * {@code MetricFrame}.
 *
 * <ul>
 *   <li>{@link org.equitrain.fairness.metrics.FrameInput}: labels, predictions, optional scores and weights, and one
 *       or more sensitive columns (several give intersectional groups, {@link org.equitrain.fairness.metrics.Group}).
 *   <li>{@link org.equitrain.fairness.metrics.MetricFrame}: any {@link org.equitrain.fairness.metrics.Metric}
 *       overall and per group, with min, max, difference and ratio (between groups or to overall).
 *   <li>{@link org.equitrain.fairness.metrics.Disparities}: demographic parity, equal opportunity, equalized odds
 *       (Fairlearn, unsigned) and AIF360's signed forms; multiclass one-vs-rest.
 *   <li>{@link org.equitrain.fairness.metrics.Bootstrap}: seeded percentile intervals of any of these.
 *   <li>{@link org.equitrain.fairness.metrics.Ermi}, {@link org.equitrain.fairness.metrics.KamiranCaldersWeights},
 *       {@link org.equitrain.fairness.metrics.FisherExact}: dependence, reweighing weights, significance.
 * </ul>
 *
 * Undefined values are NaN with a reason string and a warning, never 0 and never an exception.
 */
package org.equitrain.fairness.metrics;
