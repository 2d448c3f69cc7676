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

    Node(String op, Var[] inputs, Backward backward) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
    }

    public String op() {
        return op;
    }

    public List<Var> inputs() {
        return List.of(inputs);
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
        Var[] apply(Var gradOutput);
    }
}
