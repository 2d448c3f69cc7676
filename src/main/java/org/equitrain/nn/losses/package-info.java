/**
 * Loss functions that return one loss per example ({@link org.equitrain.nn.losses.PerExampleLoss}), so that
 * weighted, group-wise and per-example methods (reweighing, L2RW, FORML, MPE) share them with plain training.
 *
 * <p>Inputs carry the batch on axis 0. Losses defined per element (binary cross-entropy, Gaussian NLL, KL, squared
 * error) are reduced over the remaining axes by a {@link org.equitrain.nn.losses.FeatureReduction}: the
 * likelihood-type losses sum by default (the negative log-likelihood of the example, as in a VAE's "sum over
 * pixels, mean over the batch"), mean squared error averages (so its {@code mean()} equals PyTorch's
 * {@code MSELoss}). For inputs of shape [B] both are the same.
 */
package org.equitrain.nn.losses;
