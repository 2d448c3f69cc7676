package org.equitrain.fairness;


/**
 * FORML options with the documented defaults (forml.md §6): objective {@code eo-loss-gap}, anchor β = 1, weight
 * learning rate η_w = 0.1, initial weight 1, {@code global-mean} normalisation, persistent weights, look-ahead
 * rate α = the model learning rate (NaN here), held-out batches of about 1,024 rows
 * ({@link HeldOutBatches}: each (group, label) cell in proportion, at least one row), no warm-up epochs.
 */
public record FormlOptions(MetaObjective objective, double anchor, double weightLr, double weightInit,
        Normalisation normalise, boolean persistent, double lookaheadLr, int heldOutBatch, long seed,
        int warmupEpochs) {

    /** How the weights are renormalised after each update (forml.md §5). */
    public enum Normalisation {
        /** Stored vector rescaled to mean 1 over all N examples (default). */
        GLOBAL_MEAN,
        /** The batch's weights rescaled to mean 1. */
        BATCH_MEAN,
        /** The batch's weights rescaled to sum 1 (L2RW). */
        SUM,
        /** The batch's weights rescaled to Euclidean norm 1 (Nash-Meta-Learning). */
        L2,
        /** No rescaling. */
        NONE;

        /** Sum and L2 weights are used with a weighted-sum loss; the others with (1/n) Σ w_i ℓ_i. */
        boolean weightedSum() {
            return this == SUM || this == L2;
        }
    }

    /**
     * Checks the ranges: anchor, weight learning rate and initial weight finite and ≥ 0, warm-up epochs ≥ 0, held-out
     * batch ≥ 1, and {@code lookaheadLr} NaN or positive and finite; an {@link IllegalArgumentException} otherwise.
     */
    public FormlOptions {
        if (!finiteNonNegative(anchor) || !finiteNonNegative(weightLr) || !finiteNonNegative(weightInit)) {
            throw new IllegalArgumentException("forml: anchor, weight learning rate and initial weight must be finite"
                    + " and ≥ 0; got " + anchor + ", " + weightLr + ", " + weightInit);
        }
        if (heldOutBatch < 1 || warmupEpochs < 0) {
            throw new IllegalArgumentException("forml: warm-up epochs must be ≥ 0 and the held-out batch ≥ 1; got "
                    + warmupEpochs + ", " + heldOutBatch);
        }
        if (!Double.isNaN(lookaheadLr) && !(lookaheadLr > 0 && lookaheadLr < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("forml: the look-ahead rate α must be > 0 and finite (or unset for "
                    + "the model learning rate), got " + lookaheadLr);
        }
    }

    private static boolean finiteNonNegative(double v) {
        return v >= 0 && v < Double.POSITIVE_INFINITY; // false for NaN
    }

    /** The documented defaults (forml.md §6), with seed 0. */
    public static FormlOptions defaults() {
        return new FormlOptions(MetaObjective.EO_LOSS_GAP, 1, 0.1, 1, Normalisation.GLOBAL_MEAN, true, Double.NaN,
                1024, 0, 0);
    }

    /** The fairness meta-objective minimised on the held-out set (forml.md §5). */
    public FormlOptions withObjective(MetaObjective o) {
        return new FormlOptions(o, anchor, weightLr, weightInit, normalise, persistent, lookaheadLr, heldOutBatch,
                seed, warmupEpochs);
    }

    /** Weight β ≥ 0 of the accuracy anchor β · (1/m) Σ_j ℓ_j added to the meta-objective (forml.md §5). */
    public FormlOptions withAnchor(double b) {
        return new FormlOptions(objective, b, weightLr, weightInit, normalise, persistent, lookaheadLr, heldOutBatch,
                seed, warmupEpochs);
    }

    /** Learning rate η_w ≥ 0 of the weight update (forml.md §4). */
    public FormlOptions withWeightLr(double eta) {
        return new FormlOptions(objective, anchor, eta, weightInit, normalise, persistent, lookaheadLr, heldOutBatch,
                seed, warmupEpochs);
    }

    /** How the weights are renormalised after each update. */
    public FormlOptions withNormalise(Normalisation n) {
        return new FormlOptions(objective, anchor, weightLr, weightInit, n, persistent, lookaheadLr, heldOutBatch,
                seed, warmupEpochs);
    }

    /** {@code true}: one stored weight per example (FORML); {@code false}: recomputed from ε = 0 each batch. */
    public FormlOptions withPersistent(boolean p) {
        return new FormlOptions(objective, anchor, weightLr, weightInit, normalise, p, lookaheadLr, heldOutBatch,
                seed, warmupEpochs);
    }

    /** α of the virtual step; NaN means the model's current learning rate. */
    public FormlOptions withLookaheadLr(double alpha) {
        return new FormlOptions(objective, anchor, weightLr, weightInit, normalise, persistent, alpha, heldOutBatch,
                seed, warmupEpochs);
    }

    /**
     * Held-out batch size m ≥ 1: the whole held-out set when it has at most m rows, else a stratified sample of about m
     * (see {@link HeldOutBatches}).
     */
    public FormlOptions withHeldOutBatch(int m) {
        return new FormlOptions(objective, anchor, weightLr, weightInit, normalise, persistent, lookaheadLr, m, seed,
                warmupEpochs);
    }

    /** Initial value of every stored weight (persistent mode). */
    public FormlOptions withWeightInit(double w0) {
        return new FormlOptions(objective, anchor, weightLr, w0, normalise, persistent, lookaheadLr, heldOutBatch,
                seed, warmupEpochs);
    }

    /** Epochs of plain ERM steps (every weight of the batch 1, no held-out pass) before reweighting starts. */
    public FormlOptions withWarmupEpochs(int epochs) {
        return new FormlOptions(objective, anchor, weightLr, weightInit, normalise, persistent, lookaheadLr,
                heldOutBatch, seed, epochs);
    }

    /** Seed of the held-out batch sampling. */
    public FormlOptions withSeed(long s) {
        return new FormlOptions(objective, anchor, weightLr, weightInit, normalise, persistent, lookaheadLr,
                heldOutBatch, s, warmupEpochs);
    }
}
