package org.equitrain.nn.train;

/** Training produced a NaN or infinite loss; the message names the step and the last finite loss. */
public final class TrainingDivergedException extends RuntimeException {
    /** The 1-based step whose loss was not finite. */
    private final long step;
    /** The loss of the step before, or NaN. */
    private final double lastFiniteLoss;

    /** As {@link #TrainingDivergedException(String, long, int, double, double)} for the quantity "loss". */
    public TrainingDivergedException(long step, int epoch, double loss, double lastFiniteLoss) {
        this("loss", step, epoch, loss, lastFiniteLoss);
    }

    /**
     * @param what the quantity that left the finite range, e.g. "loss" or "peer 2's loss"
     * @param step the 1-based step
     * @param epoch the 0-based epoch (the message counts from 1, as progress bars do), or −1 where the loop has none
     * @param lastFiniteLoss the loss of step − 1, or NaN where the caller does not keep it
     */
    public TrainingDivergedException(String what, long step, int epoch, double loss, double lastFiniteLoss) {
        super("training diverged at step " + step + (epoch >= 0 ? " (epoch " + (epoch + 1) + ")" : "") + ": " + what
                + " is " + loss + (step == 1 ? "; no finite loss before it" : Double.isNaN(lastFiniteLoss) ? ""
                        : "; last finite loss " + lastFiniteLoss + " at step " + (step - 1)));
        this.step = step;
        this.lastFiniteLoss = lastFiniteLoss;
    }

    /** The guard of a training loop: throws unless {@code loss} is finite, before the step is taken. */
    public static void requireFinite(double loss, String what, long step, int epoch, double lastFiniteLoss) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(what, step, epoch, loss, lastFiniteLoss);
        }
    }

    /** The 1-based step whose loss was not finite. */
    public long step() {
        return step;
    }

    /** The loss of the step before, or NaN when the first step diverged or the loop does not keep it. */
    public double lastFiniteLoss() {
        return lastFiniteLoss;
    }
}
