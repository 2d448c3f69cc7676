package org.equitrain.autodiff;

import org.equitrain.tensor.Arithmetic;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Elementwise;
import org.equitrain.tensor.Gemm;
import org.equitrain.tensor.Permute;
import org.equitrain.tensor.Reduce;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/**
 * Core differentiable ops: arithmetic with broadcasting, matrix products, shape ops and reductions. Each backward
 * rule is written with these same ops, so gradients are themselves differentiable. Elementwise nonlinearities live
 * in {@link Activations}; everything else lives in a class per family.
 */
public final class Ops {
    private Ops() {
    }

    /** Wraps an op's result, recording a node only when gradients are being tracked and some input needs one. */
    static Var record(String op, Tensor value, Node.Backward backward, Var... inputs) {
        return record(op, null, value, backward, inputs);
    }

    /** As {@link #record(String, Tensor, Node.Backward, Var...)}, keeping the op's {@code attributes} on the node. */
    static Var record(String op, Object attributes, Tensor value, Node.Backward backward, Var... inputs) {
        if (GradMode.isEnabled()) {
            for (Var in : inputs) {
                if (in.requiresGrad()) {
                    return new Var(value, true, new Node(op, inputs, backward, attributes));
                }
            }
        }
        return new Var(value, false, null);
    }

    // ---- arithmetic (broadcasting) ----

    /** {@code a + b} with broadcasting. */
    public static Var add(Var a, Var b) {
        Tensor v = Elementwise.zip("add", a.value(), b.value(), Arithmetic.ADD);
        return record("add", v, g -> new Var[] {sumTo(g, a.shape()), sumTo(g, b.shape())}, a, b);
    }

    /** {@code a − b} with broadcasting. */
    public static Var sub(Var a, Var b) {
        Tensor v = Elementwise.zip("sub", a.value(), b.value(), Arithmetic.SUB);
        return record("sub", v, g -> new Var[] {sumTo(g, a.shape()), sumTo(neg(g), b.shape())}, a, b);
    }

    /** {@code a · b} elementwise, with broadcasting. */
    public static Var mul(Var a, Var b) {
        Tensor v = Elementwise.zip("mul", a.value(), b.value(), Arithmetic.MUL);
        return record("mul", v, g -> new Var[] {
            a.requiresGrad() ? sumTo(mul(g, b), a.shape()) : null,
            b.requiresGrad() ? sumTo(mul(g, a), b.shape()) : null}, a, b);
    }

    /** {@code a / b} elementwise, with broadcasting (IEEE: division by zero gives ±infinity or NaN). */
    public static Var div(Var a, Var b) {
        Tensor v = Elementwise.zip("div", a.value(), b.value(), Arithmetic.DIV);
        return record("div", v, g -> new Var[] {
            a.requiresGrad() ? sumTo(div(g, b), a.shape()) : null,
            b.requiresGrad() ? sumTo(neg(div(mul(g, a), mul(b, b))), b.shape()) : null}, a, b);
    }

    /** {@code −a}. */
    public static Var neg(Var a) {
        return record("neg", Elementwise.map(a.value(), x -> -x), g -> new Var[] {neg(g)}, a);
    }

    /** {@code a + c} for a constant scalar c. */
    public static Var addScalar(Var a, double c) {
        return record("addScalar", Elementwise.map(a.value(), x -> x + c), g -> new Var[] {g}, a);
    }

    /** {@code a · c} for a constant scalar c. */
    public static Var mulScalar(Var a, double c) {
        return record("mulScalar", Elementwise.map(a.value(), x -> x * c), g -> new Var[] {mulScalar(g, c)}, a);
    }

    // ---- matrix products ----

    /** Batched matrix product over the last two dims; leading (batch) dims broadcast. */
    public static Var matmul(Var a, Var b) {
        return matmul(a, b, false, false);
    }

    /** {@code op(a)·op(b)} where op transposes the last two dims when its flag is set. */
    public static Var matmul(Var a, Var b, boolean transA, boolean transB) {
        Tensor v = Gemm.matmul(a.value(), b.value(), transA, transB);
        return record("matmul", v, g -> new Var[] {
            a.requiresGrad() ? sumTo(transA ? matmul(b, g, transB, true) : matmul(g, b, false, !transB),
                    a.shape()) : null,
            b.requiresGrad() ? sumTo(transB ? matmul(g, a, true, transA) : matmul(a, g, !transA, false),
                    b.shape()) : null}, a, b);
    }

    /**
     * The dense layer {@code y = x·Wᵀ + b} with x [B, in], W [out, in] (PyTorch's layout) and optional b [out].
     * Recorded as one "linear" node so per-example extensions can find the layer input and weight.
     */
    public static Var linear(Var x, Var w, Var b) {
        if (x.rank() != 2 || w.rank() != 2 || x.dim(1) != w.dim(1)) {
            throw new ShapeException("linear", "input " + x.shape() + " does not fit weight " + w.shape()
                    + " (expected [batch, " + (w.rank() == 2 ? w.dim(1) : "in") + "])");
        }
        Tensor y;
        if (b == null) {
            y = Gemm.matmul(x.value(), w.value(), false, true);
        } else {
            if (b.rank() != 1 || b.dim(0) != w.dim(0)) {
                throw new ShapeException("linear", "bias " + b.shape() + " does not fit weight " + w.shape());
            }
            // One GEMM accumulating x·Wᵀ onto rows that start as b (a fresh [B, out] tensor: b has rank 1).
            DType dt = DType.promote(DType.promote(x.dtype(), w.dtype()), b.dtype());
            y = Elementwise.broadcastTo("linear", b.value().to(dt), Shape.of(x.dim(0), w.dim(0)));
            Gemm.gemm(x.value().to(dt), 0, w.value().to(dt), 0, y, 0, x.dim(0), w.dim(0), x.dim(1), false, true,
                    1.0, 1.0);
        }
        Node.SelectiveBackward bw = (g, wanted) -> new Var[] {
            x.requiresGrad() && Node.SelectiveBackward.wants(wanted, 0) ? matmul(g, w) : null,
            w.requiresGrad() && Node.SelectiveBackward.wants(wanted, 1) ? matmul(g, x, true, false) : null,
            b != null && b.requiresGrad() && Node.SelectiveBackward.wants(wanted, 2) ? sum(g, 0, false) : null};
        return b == null ? record("linear", y, bw, x, w) : record("linear", y, bw, x, w, b);
    }

    // ---- shape ----

    /** The same values with new dimensions (one may be −1, inferred); the gradient is reshaped back. */
    public static Var reshape(Var a, int... dims) {
        Tensor v = a.value().reshape(dims);
        return record("reshape", v, g -> new Var[] {reshape(g, a.shape().dims())}, a);
    }

    /** Permutes axes: output axis i is input axis {@code perm[i]}. */
    public static Var permute(Var a, int... perm) {
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[a.shape().normalizeAxis(perm[i])] = i;
        }
        return record("permute", Permute.permute(a.value(), perm), g -> new Var[] {permute(g, inverse)}, a);
    }

    /** Swaps two axes (for a matrix: its transpose). */
    public static Var transpose(Var a, int axis0, int axis1) {
        int[] perm = new int[a.rank()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        int i0 = a.shape().normalizeAxis(axis0);
        int i1 = a.shape().normalizeAxis(axis1);
        perm[i0] = i1;
        perm[i1] = i0;
        return permute(a, perm);
    }

    /** The matrix transpose of a rank-2 value. */
    public static Var t(Var a) {
        return transpose(a, 0, 1);
    }

    /** Broadcasts {@code a} to {@code shape} (the adjoint of {@link #sumTo}). */
    public static Var broadcastTo(Var a, Shape shape) {
        if (a.shape().equals(shape)) {
            return a;
        }
        Tensor v = Elementwise.broadcastTo("broadcastTo", a.value(), shape);
        return record("broadcastTo", v, g -> new Var[] {sumTo(g, a.shape())}, a);
    }

    /** Sums {@code a} down to {@code shape} over broadcast dimensions. */
    public static Var sumTo(Var a, Shape shape) {
        if (a.shape().equals(shape)) {
            return a;
        }
        return record("sumTo", Reduce.sumTo(a.value(), shape), g -> new Var[] {broadcastTo(g, a.shape())}, a);
    }

    // ---- reductions ----

    /** The sum of all elements, a scalar. */
    public static Var sum(Var a) {
        return record("sum", Reduce.sumAll(a.value()), g -> new Var[] {broadcastTo(g, a.shape())}, a);
    }

    /** The sum over {@code axis} (negative counts from the end); {@code keepDim} keeps it with size 1. */
    public static Var sum(Var a, int axis, boolean keepDim) {
        int ax = a.shape().normalizeAxis(axis);
        Shape kept = a.shape().reduce(ax, true);
        return record("sum", Reduce.sum(a.value(), ax, keepDim),
                g -> new Var[] {broadcastTo(reshape(g, kept.dims()), a.shape())}, a);
    }

    /** The mean of all elements, a scalar. */
    public static Var mean(Var a) {
        return mulScalar(sum(a), 1.0 / a.value().size());
    }

    /** The mean over {@code axis} (negative counts from the end); {@code keepDim} keeps it with size 1. */
    public static Var mean(Var a, int axis, boolean keepDim) {
        return mulScalar(sum(a, axis, keepDim), 1.0 / a.dim(axis));
    }
}
