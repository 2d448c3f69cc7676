package org.equitrain.autodiff;

import org.equitrain.tensor.DType;
import org.equitrain.tensor.Elementwise;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.Tensor;

/**
 * Elementwise functions beyond the activations: powers, roots, absolute value, {@code log1p}, softplus, clamping,
 * selection by a condition, and the elementwise maximum and minimum of two values (with broadcasting).
 */
public final class Pointwise {
    private Pointwise() {
    }

    /** {@code a^p} for a scalar exponent. */
    public static Var pow(Var a, double p) {
        Tensor v = Elementwise.map(a.value(), x -> Math.pow(x, p));
        // d/dx x^p = p·x^(p−1); for p = 0 the value is constant.
        return Ops.record("pow", v, g -> new Var[] {p == 0 ? null : Ops.mul(g, Ops.mulScalar(pow(a, p - 1), p))}, a);
    }

    /** {@code a^b} elementwise, with broadcasting; the exponent may be differentiable too. */
    public static Var pow(Var a, Var b) {
        Tensor v = Elementwise.zip("pow", a.value(), b.value(), Math::pow);
        Var[] self = new Var[1];
        self[0] = Ops.record("pow", v, g -> {
            Var ga = null;
            Var gb = null;
            if (a.requiresGrad()) {
                ga = Ops.sumTo(Ops.mul(g, Ops.mul(b, pow(a, Ops.addScalar(b, -1)))), a.shape());
            }
            if (b.requiresGrad()) {
                // d/db a^b = a^b·log a, taken as 0 where a = 0 (the limit for b > 0, as in PyTorch).
                Tensor zero = Elementwise.map(a.value(), x -> x == 0 ? 1 : 0);
                Var safeBase = where(zero, Var.constant(Tensor.scalar(a.dtype(), 1)), a);
                gb = Ops.sumTo(Ops.mul(g, Ops.mul(self[0], Activations.log(safeBase))), b.shape());
            }
            return new Var[] {ga, gb};
        }, a, b);
        return self[0];
    }

    /** {@code √a} elementwise; NaN for negative entries, and the gradient is infinite at 0. */
    public static Var sqrt(Var a) {
        Var[] self = new Var[1];
        self[0] = Ops.record("sqrt", Elementwise.map(a.value(), Math::sqrt),
                g -> new Var[] {Ops.div(Ops.mulScalar(g, 0.5), self[0])}, a);
        return self[0];
    }

    /** |a|; the gradient at 0 is taken as 0. */
    public static Var abs(Var a) {
        Tensor sign = Elementwise.map(a.value(), Math::signum);
        return Ops.record("abs", Elementwise.map(a.value(), Math::abs),
                g -> new Var[] {Ops.mul(g, Var.constant(sign))}, a);
    }

    /** {@code log(1 + a)}, accurate for small a. */
    public static Var log1p(Var a) {
        return Ops.record("log1p", Elementwise.map(a.value(), Math::log1p),
                g -> new Var[] {Ops.div(g, Ops.addScalar(a, 1))}, a);
    }

    /** {@code log(1 + e^a)} in the overflow-free form {@code max(a, 0) + log1p(e^−|a|)}; its derivative is σ(a). */
    public static Var softplus(Var a) {
        Tensor v = Elementwise.map(a.value(), Pointwise::softplus);
        return Ops.record("softplus", v, g -> new Var[] {Ops.mul(g, Activations.sigmoid(a))}, a);
    }

    /** log σ(a) = −softplus(−a), finite for every finite input. */
    public static Var logSigmoid(Var a) {
        return Ops.neg(softplus(Ops.neg(a)));
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /**
     * {@code a} limited to {@code [min, max]} (use ±infinity for a one-sided bound). The gradient passes where
     * {@code min <= a <= max} and is 0 outside.
     */
    public static Var clamp(Var a, double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        Tensor v = Elementwise.map(a.value(), x -> Math.min(Math.max(x, min), max));
        Tensor inside = Elementwise.map(a.value(), x -> x >= min && x <= max ? 1 : 0);
        return Ops.record("clamp", v, g -> new Var[] {where(inside, g, zero(g.dtype()))}, a);
    }

    /**
     * {@code condition ≠ 0 ? a : b} elementwise, broadcasting all three. The gradient flows to the chosen operand
     * only, so a non-finite value in the branch not taken does not poison it.
     */
    public static Var where(Tensor condition, Var a, Var b) {
        Shape s = Shape.broadcast("where", condition.shape(), Shape.broadcast("where", a.shape(), b.shape()));
        DType dt = DType.promote(a.dtype(), b.dtype());
        Tensor c = Elementwise.broadcastTo("where", condition, s);
        Tensor x = Elementwise.broadcastTo("where", a.value().to(dt), s);
        Tensor y = Elementwise.broadcastTo("where", b.value().to(dt), s);
        Tensor out = Tensor.zeros(dt, s);
        for (int i = 0; i < out.size(); i++) {
            out.setFlat(i, c.getFlat(i) != 0 ? x.getFlat(i) : y.getFlat(i));
        }
        return Ops.record("where", out, g -> new Var[] {
            a.requiresGrad() ? Ops.sumTo(where(condition, g, zero(g.dtype())), a.shape()) : null,
            b.requiresGrad() ? Ops.sumTo(where(condition, zero(g.dtype()), g), b.shape()) : null}, a, b);
    }

    /** Elementwise maximum with broadcasting; at ties the gradient is split equally, as in PyTorch. */
    public static Var maximum(Var a, Var b) {
        return extremum("maximum", a, b, true);
    }

    /** Elementwise minimum with broadcasting; at ties the gradient is split equally, as in PyTorch. */
    public static Var minimum(Var a, Var b) {
        return extremum("minimum", a, b, false);
    }

    private static Var extremum(String op, Var a, Var b, boolean larger) {
        Tensor v = Elementwise.zip(op, a.value(), b.value(), larger ? Math::max : Math::min);
        // Share of the gradient that goes to a: 1 where a wins, ½ at a tie, 0 where b wins.
        Tensor wa = Elementwise.zip(op, a.value(), b.value(),
                (x, y) -> x == y ? 0.5 : (larger ? x > y : x < y) ? 1 : 0);
        Tensor wb = Elementwise.map(wa, w -> 1 - w);
        return Ops.record(op, v, g -> new Var[] {
            a.requiresGrad() ? Ops.sumTo(Ops.mul(g, Var.constant(wa)), a.shape()) : null,
            b.requiresGrad() ? Ops.sumTo(Ops.mul(g, Var.constant(wb)), b.shape()) : null}, a, b);
    }

    private static Var zero(DType dtype) {
        return Var.constant(Tensor.scalar(dtype, 0));
    }
}
