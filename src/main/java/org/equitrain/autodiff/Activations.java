package org.equitrain.autodiff;

import org.equitrain.tensor.Elementwise;
import org.equitrain.tensor.Reduce;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.Tensor;

/** Elementwise functions and the softmax family, with numerically stable forms. */
public final class Activations {
    private Activations() {
    }

    /** {@code e^a} elementwise. */
    public static Var exp(Var a) {
        Tensor v = Elementwise.map(a.value(), Math::exp);
        Var[] self = new Var[1];
        self[0] = Ops.record("exp", v, g -> new Var[] {Ops.mul(g, self[0])}, a);
        return self[0];
    }

    /** Natural log elementwise; {@code -Infinity} at 0 and NaN for negative entries. */
    public static Var log(Var a) {
        return Ops.record("log", Elementwise.map(a.value(), Math::log), g -> new Var[] {Ops.div(g, a)}, a);
    }

    /** {@code max(a, 0)} elementwise; the gradient at 0 is 0. */
    public static Var relu(Var a) {
        Tensor v = Elementwise.relu(a.value());
        return Ops.record("relu", v, g -> new Var[] {maskPositive(g, a.value())}, a);
    }

    /**
     * ReLU written over {@code a}'s own array, for an intermediate that nothing else reads (the fresh output of a
     * layer, as {@code nn.Sequential} passes it): one array fewer to write and keep. {@code a}'s value is changed;
     * its gradient is not, since the mask is taken from the result, which is positive exactly where a was (NaN
     * stays NaN). A parameter is refused; a constant's array would be overwritten too, so pass only results.
     */
    public static Var reluInPlace(Var a) {
        if (a.requiresGrad() && a.node() == null) {
            throw new IllegalArgumentException("reluInPlace would overwrite a parameter's value; use relu");
        }
        Tensor v = Elementwise.reluInPlace(a.value());
        return Ops.record("relu", v, g -> new Var[] {maskPositive(g, v)}, a);
    }

    /** {@code g · [a > 0]} with the mask a constant; linear in g, so its backward is the same masking. */
    private static Var maskPositive(Var g, Tensor a) {
        return Ops.record("reluMask", Elementwise.mulPositiveMask(g.value(), a), h -> new Var[] {maskPositive(h, a)},
                g);
    }

    /** Hyperbolic tangent elementwise. */
    public static Var tanh(Var a) {
        Tensor v = Elementwise.map(a.value(), Math::tanh);
        Var[] self = new Var[1];
        self[0] = Ops.record("tanh", v, g -> new Var[] {
            Ops.mul(g, Ops.addScalar(Ops.neg(Ops.mul(self[0], self[0])), 1.0))}, a);
        return self[0];
    }

    /** Logistic sigmoid {@code 1 / (1 + e^−a)} elementwise, in a form that does not overflow. */
    public static Var sigmoid(Var a) {
        Tensor v = Elementwise.map(a.value(), Activations::sigmoid);
        Var[] self = new Var[1];
        self[0] = Ops.record("sigmoid", v, g -> new Var[] {
            Ops.mul(g, Ops.mul(self[0], Ops.addScalar(Ops.neg(self[0]), 1.0)))}, a);
        return self[0];
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** log Σ exp over {@code axis}, shifted by the max for stability. */
    public static Var logSumExp(Var a, int axis, boolean keepDim) {
        int ax = a.shape().normalizeAxis(axis);
        Tensor m = Reduce.max(a.value(), ax, true, null);
        Tensor mSafe = Elementwise.map(m, x -> Double.isFinite(x) ? x : 0);
        Tensor shifted = Elementwise.zip("logSumExp", a.value(), mSafe, (x, y) -> Math.exp(x - y));
        Tensor lse = Elementwise.zip("logSumExp", Reduce.sum(shifted, ax, true), mSafe,
                (s, y) -> Math.log(s) + y);
        Shape kept = lse.shape();
        Tensor out = keepDim ? lse : lse.reshape(a.shape().reduce(ax, false));
        Var[] self = new Var[1];
        self[0] = Ops.record("logSumExp", out, g -> {
            Var lseKept = Ops.reshape(self[0], kept.dims());
            Var softmax = exp(Ops.sub(a, lseKept));
            return new Var[] {Ops.mul(Ops.reshape(g, kept.dims()), softmax)};
        }, a);
        return self[0];
    }

    /** log softmax over {@code axis}: {@code a − logSumExp(a)}. */
    public static Var logSoftmax(Var a, int axis) {
        return Ops.sub(a, logSumExp(a, axis, true));
    }

    /** Softmax over {@code axis}, as {@code exp(logSoftmax(a, axis))}. */
    public static Var softmax(Var a, int axis) {
        return exp(logSoftmax(a, axis));
    }
}
