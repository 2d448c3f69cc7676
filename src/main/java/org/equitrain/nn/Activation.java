package org.equitrain.nn;

import java.util.List;
import java.util.function.UnaryOperator;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Var;

/** A parameter-free elementwise layer (ReLU, Tanh, Sigmoid) for use in {@link Sequential}. */
public final class Activation implements Module {
    private final String name;
    private final UnaryOperator<Var> fn;

    private Activation(String name, UnaryOperator<Var> fn) {
        this.name = name;
        this.fn = fn;
    }

    public static Activation relu() {
        return new Activation("relu", Activations::relu);
    }

    public static Activation tanh() {
        return new Activation("tanh", Activations::tanh);
    }

    public static Activation sigmoid() {
        return new Activation("sigmoid", Activations::sigmoid);
    }

    public String name() {
        return name;
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        return List.of();
    }

    @Override
    public Var forward(Params p, Var x, Context ctx) {
        return fn.apply(x);
    }
}
