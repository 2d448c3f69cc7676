package org.equitrain.nn.optim;

import java.util.List;
import org.equitrain.nn.Params;
import org.equitrain.tensor.Tensor;

/**
 * A first-order optimizer in PyTorch's style without {@code zero_grad}: the caller computes gradients (for example
 * with {@code Grad.gradTensors(loss, params.vars())}) and passes them to {@link #step}, which <b>updates the
 * parameter tensors in place</b> — {@code params.vars().get(i).value()} is overwritten with its new value, so every
 * holder of those tensors sees the update, and the gradients are only read. Per-parameter state (momentum, moment
 * estimates) is kept by parameter name and can be exported for checkpoints with {@link #state()}.
 */
public interface Optimizer {
    /** One update of every parameter from its gradient, in the order of {@code params.vars()}. */
    void step(Params params, List<Tensor> grads);

    /** The learning rate the next step will use. */
    double learningRate();

    /** Sets the learning rate used by subsequent steps (learning-rate schedules call this). */
    void setLearningRate(double lr);

    /** Number of steps taken so far. */
    long steps();

    /** A deep copy of the state: kind, step count, learning rate and per-parameter slots. */
    OptimizerState state();

    /** Replaces this optimizer's state with a copy of {@code state}, which must come from the same kind. */
    void loadState(OptimizerState state);
}
