package org.equitrain.nn.train;

/** Training produced a NaN or infinite loss; the message names the step and the last finite loss. */
public final class TrainingDivergedException extends RuntimeException {
    private final long step;
    private final double lastFiniteLoss;

    public TrainingDivergedException(long step, int epoch, double loss, double lastFiniteLoss) {
        super("training diverged at step " + step + " (epoch " + epoch + "): loss is " + loss + "; "
                + (Double.isNaN(lastFiniteLoss) ? "no finite loss before it"
                        : "last finite loss " + lastFiniteLoss + " at step " + (step - 1)));
        this.step = step;
        this.lastFiniteLoss = lastFiniteLoss;
    }

    public long step() {
        return step;
    }

    /** The loss of the step before, or NaN when the first step diverged. */
    public double lastFiniteLoss() {
        return lastFiniteLoss;
    }
}
