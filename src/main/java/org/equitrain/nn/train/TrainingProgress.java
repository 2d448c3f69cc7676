package org.equitrain.nn.train;

/**
 * Where a run stands: {@code step} optimizer steps done; {@code batch} batches done of epoch {@code epoch} (the
 * next batch is that index of that epoch's order); the run {@code seed} from which batch order and per-step
 * randomness are derived; and the last finite loss (NaN before the first step).
 */
public record TrainingProgress(long step, int epoch, int batch, long seed, double lastLoss) {
    /** The start of a run. */
    public static TrainingProgress start(long seed) {
        return new TrainingProgress(0, 0, 0, seed, Double.NaN);
    }
}
