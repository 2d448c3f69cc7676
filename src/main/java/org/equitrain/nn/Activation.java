package org.equitrain.nn;

import java.util.List;
import java.util.function.UnaryOperator;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Var;

/** A parameter-free elementwise layer (ReLU, Tanh, Sigmoid) for use in {@link Sequential}. */
public final class Activation implements Module {
    private final String name;
    private final UnaryOperator<Var> fn;
    /** The same function written over its input's array, or null where there is none. */
    private final UnaryOperator<Var> inPlace;

    private Activation(String name, UnaryOperator<Var> fn, UnaryOperator<Var> inPlace) {
        this.name = name;
        this.fn = fn;
        this.inPlace = inPlace;
    }

    /** ReLU; directly after a {@link Linear} in a {@link Sequential} it overwrites the Linear's output in place. */
    public static Activation relu() {
        return new Activation("relu", Activations::relu, Activations::reluInPlace);
    }

    /** Hyperbolic tangent. */
    public static Activation tanh() {
        return new Activation("tanh", Activations::tanh, null);
    }

    /** Logistic sigmoid. */
    public static Activation sigmoid() {
        return new Activation("sigmoid", Activations::sigmoid, null);
    }

    /** The function's name: {@code "relu"}, {@code "tanh"} or {@code "sigmoid"}. */
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

    /** Whether {@link #forwardInPlace} can write over its input. */
    boolean hasInPlace() {
        return inPlace != null;
    }

    /** The activation written over {@code x}'s array: only for a fresh intermediate that nothing else reads. */
    Var forwardInPlace(Var x) {
        return inPlace.apply(x);
    }
}
