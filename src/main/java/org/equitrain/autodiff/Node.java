package org.equitrain.autodiff;

import java.util.List;

/**
 * How a {@link Var} was computed: the op's name, its inputs, and its backward rule. Backward rules are written with
 * differentiable ops, so running them with gradient tracking on yields higher derivatives (Hessian-vector products).
 */
public final class Node {
    private final String op;
    private final Var[] inputs;
    private final Backward backward;
    private final Object attributes;

    Node(String op, Var[] inputs, Backward backward, Object attributes) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
        this.attributes = attributes;
    }

    /** The op's name, e.g. {@code "matmul"} or {@code "linear"}. */
    public String op() {
        return op;
    }

    /** The op's inputs in argument order, as an unmodifiable list. */
    public List<Var> inputs() {
        return List.of(inputs);
    }

    /**
     * The op's non-tensor arguments (e.g. {@link Conv2dAttributes} for "conv2d"), or null. Per-example machinery
     * reads them to reinterpret a layer from its recorded inputs.
     */
    public Object attributes() {
        return attributes;
    }

    Var input(int i) {
        return inputs[i];
    }

    int arity() {
        return inputs.length;
    }

    Backward backward() {
        return backward;
    }

    /** A backward rule: given the gradient of the output, the gradient of each input (null where not needed). */
    @FunctionalInterface
    public interface Backward {
        /** The gradient of each input given {@code gradOutput}, in input order; null where an input needs none. */
        Var[] apply(Var gradOutput);
    }

    /**
     * A backward rule that is told which inputs lead to a requested gradient ({@code wanted[i]}; null: all), so it
     * can skip the work for the others (e.g. a layer's weight gradient when only layer outputs are requested).
     */
    @FunctionalInterface
    public interface SelectiveBackward extends Backward {
        /** As {@link Backward#apply(Var)}, computing only the inputs whose {@code wanted} entry is true (null: all). */
        Var[] apply(Var gradOutput, boolean[] wanted);

        @Override
        default Var[] apply(Var gradOutput) {
            return apply(gradOutput, null);
        }

        /** Whether input {@code i} is wanted under mask {@code wanted} (null: every input). */
        static boolean wants(boolean[] wanted, int i) {
            return wanted == null || wanted[i];
        }
    }
}
