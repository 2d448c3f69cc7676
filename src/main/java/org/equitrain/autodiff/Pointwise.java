package org.equitrain.autodiff;

import org.equitrain.tensor.Elementwise;

/**
 * Elementwise functions used by losses and normalisation layers, in numerically stable forms: {@code sqrt},
 * {@code softplus} and {@code logSigmoid}. Backward rules use differentiable ops, so double backward works.
 */
public final class Pointwise {
    private Pointwise() {
    }

    /** √a; the gradient {@code g / (2√a)} is infinite at 0. */
    public static Var sqrt(Var a) {
        Var[] self = new Var[1];
        self[0] = Ops.record("sqrt", Elementwise.map(a.value(), Math::sqrt),
                g -> new Var[] {Ops.div(g, Ops.mulScalar(self[0], 2))}, a);
        return self[0];
    }

    /** softplus(a) = log(1 + eˣ), computed as {@code max(x, 0) + log1p(e^−|x|)}; its derivative is σ(x). */
    public static Var softplus(Var a) {
        return Ops.record("softplus", Elementwise.map(a.value(), Pointwise::softplus),
                g -> new Var[] {Ops.mul(g, Activations.sigmoid(a))}, a);
    }

    /** log σ(a) = −softplus(−a), finite for every finite input. */
    public static Var logSigmoid(Var a) {
        return Ops.neg(softplus(Ops.neg(a)));
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
