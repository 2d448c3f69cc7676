package org.equitrain.nn.train;

import java.util.Map;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Params;
import org.equitrain.tensor.Tensor;

/**
 * Training produced a NaN or infinite loss, or a step made a parameter NaN or infinite; the message names the step
 * and the last finite loss.
 */
public final class TrainingDivergedException extends RuntimeException {
    /** The quantity that left the finite range, e.g. "loss" or "parameter 'w'". */
    private final String what;
    /** The 1-based step whose loss was not finite. */
    private final long step;
    /** The last finite loss (of the step before, or of this step when its update broke a parameter), or NaN. */
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
        this(at(step, epoch) + what + " is " + loss + (step == 1 ? "; no finite loss before it"
                : Double.isNaN(lastFiniteLoss) ? ""
                : "; last finite loss " + lastFiniteLoss + " at step " + (step - 1)), what, step, lastFiniteLoss);
    }

    private TrainingDivergedException(String message, String what, long step, double lastFiniteLoss) {
        super(message);
        this.what = what;
        this.step = step;
        this.lastFiniteLoss = lastFiniteLoss;
    }

    private static String at(long step, int epoch) {
        return "training diverged at step " + step + (epoch >= 0 ? " (epoch " + (epoch + 1) + ")" : "") + ": ";
    }

    /** The guard of a training loop: throws unless {@code loss} is finite, before the step is taken. */
    public static void requireFinite(double loss, String what, long step, int epoch, double lastFiniteLoss) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(what, step, epoch, loss, lastFiniteLoss);
        }
    }

    /**
     * The guard after a step's update: throws unless every value of {@code params} is finite, naming the first
     * parameter that is not, so that a step with a finite loss but an overflowing update (the last step of a run
     * above all, whose result no later loss checks) cannot pass NaN weights on to checkpoints or predictions.
     *
     * @param loss the step's (finite) loss
     */
    public static void requireFiniteParameters(Params params, long step, int epoch, double loss) {
        for (Map.Entry<String, Var> e : params.asMap().entrySet()) {
            Tensor t = e.getValue().value();
            for (int i = 0, n = t.size(); i < n; i++) {
                double v = t.getFlat(i);
                if (!Double.isFinite(v)) {
                    throw afterUpdate("parameter '" + e.getKey() + "'", v, step, epoch, loss);
                }
            }
        }
    }

    /**
     * Step {@code step} had the finite loss {@code loss} (NaN where the caller does not keep it), but its update made
     * {@code what} (a parameter, or the loss at the updated parameters) {@code value}: NaN, infinite or too large.
     */
    public static TrainingDivergedException afterUpdate(String what, double value, long step, int epoch,
            double loss) {
        return new TrainingDivergedException(at(step, epoch) + "the update made " + what + " " + value
                + (Double.isNaN(loss) ? "" : "; the step's loss was " + loss), what, step, loss);
    }

    /** {@code what}, a quantity of step {@code step} other than its loss (which was finite), is {@code value}. */
    public static TrainingDivergedException during(String what, double value, long step, int epoch) {
        return new TrainingDivergedException(at(step, epoch) + what + " is " + value, what, step, Double.NaN);
    }

    /** The quantity that left the finite range, as the message names it. */
    public String what() {
        return what;
    }

    /** The 1-based step whose loss was not finite, or whose update made a parameter non-finite. */
    public long step() {
        return step;
    }

    /**
     * The loss of the step before (of the step itself when its update broke a parameter), or NaN when the first step
     * diverged or the loop does not keep it.
     */
    public double lastFiniteLoss() {
        return lastFiniteLoss;
    }
}
