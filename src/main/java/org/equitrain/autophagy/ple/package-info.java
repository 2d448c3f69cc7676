/**
 * PLE, the autophagy-penalised likelihood (PLE spec §2–§6): a {@link org.equitrain.autophagy.ple.LearnedEstimator}
 * maps a data set to the parameters of a {@link org.equitrain.autophagy.ple.DensityFamily};
 * {@link org.equitrain.autophagy.ple.PleObjective} adds λ times the {@link org.equitrain.autophagy.ple.PlePenalty}
 * between the estimate and the estimates refitted on reparameterised synthetic sets drawn from it; and
 * {@link org.equitrain.autophagy.ple.PleTrainer} trains φ over many conditioning sets.
 * {@link org.equitrain.autophagy.ple.VaeLoop} runs a self-consuming loop of VAEs (spec §7 for images) that retrains a
 * fresh VAE — by maximum likelihood, through a hypernetwork, or by PLE — every generation.
 *
 * <pre>{@code
 * GaussianFamily family = new GaussianFamily(1);
 * HypernetEstimator est = HypernetEstimator.forFamily(family, HypernetConfig.of(1, 64, 128));
 * PleObjective objective = new PleObjective(family, est, PleOptions.defaults());      // λ = 0.1, debiased, M = 2
 * PleTrainer.Result run = new PleTrainer(objective, PleTrainer.Options.of(2000, 1e-3, 0).withSetsPerStep(8))
 *         .train(est.initialParams(DType.FLOAT64, 0), DataSets.varyingGaussians(10, 1, 2, 0.25, 4));
 * Params thetaStar = PleTrainer.finalParameters(est, run.phi(), referenceSet);
 * }</pre>
 */
package org.equitrain.autophagy.ple;
