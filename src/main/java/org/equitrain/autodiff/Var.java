package org.equitrain.autodiff;

import java.util.SplittableRandom;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.Tensor;

/**
 * A value in a differentiable computation: a {@link Tensor} plus, when it was computed from inputs that require
 * gradients, the {@link Node} that produced it. Leaves are created with {@link #param} (differentiable) or
 * {@link #constant}. Gradients can be taken with respect to any Var, including intermediate ones, which is what
 * hypernetworks (generated parameters) and per-example machinery rely on.
 */
public final class Var {
    private final Tensor value;
    private final boolean requiresGrad;
    private final Node node;

    Var(Tensor value, boolean requiresGrad, Node node) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.node = node;
    }

    /** A differentiable leaf. */
    public static Var param(Tensor value) {
        return new Var(value, true, null);
    }

    /** A constant leaf: no gradient flows into it. */
    public static Var constant(Tensor value) {
        return new Var(value, false, null);
    }

    /** A float64 scalar constant. */
    public static Var scalar(double v) {
        return constant(Tensor.scalar(v));
    }

    /** The computed value; treat it as read-only. */
    public Tensor value() {
        return value;
    }

    /** The value's shape. */
    public Shape shape() {
        return value.shape();
    }

    /** Size of dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return value.dim(axis);
    }

    /** Number of dimensions. */
    public int rank() {
        return value.rank();
    }

    /** The value's element type. */
    public DType dtype() {
        return value.dtype();
    }

    /** Whether gradients flow to or through this value (a param, or computed from one while recording). */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The node that produced this value, or null for a leaf or a value computed without gradient tracking. */
    public Node node() {
        return node;
    }

    /** The same value, cut from the graph (a stop-gradient). */
    public Var detach() {
        return constant(value);
    }

    /** The single value of a one-element Var. */
    public double item() {
        return value.item();
    }

    // Fluent forms of the most common ops, for readable model code.

    /** {@code this + o}, broadcasting; see {@link Ops#add(Var, Var)}. */
    public Var add(Var o) {
        return Ops.add(this, o);
    }

    /** {@code this − o}, broadcasting; see {@link Ops#sub(Var, Var)}. */
    public Var sub(Var o) {
        return Ops.sub(this, o);
    }

    /** {@code this · o} elementwise, broadcasting; see {@link Ops#mul(Var, Var)}. */
    public Var mul(Var o) {
        return Ops.mul(this, o);
    }

    /** {@code this / o} elementwise, broadcasting; see {@link Ops#div(Var, Var)}. */
    public Var div(Var o) {
        return Ops.div(this, o);
    }

    /** {@code this · c} for a constant scalar c. */
    public Var mul(double c) {
        return Ops.mulScalar(this, c);
    }

    /** {@code this + c} for a constant scalar c. */
    public Var add(double c) {
        return Ops.addScalar(this, c);
    }

    /** {@code −this}. */
    public Var neg() {
        return Ops.neg(this);
    }

    /** Batched matrix product; see {@link Ops#matmul(Var, Var)}. */
    public Var matmul(Var o) {
        return Ops.matmul(this, o);
    }

    /** The sum of all elements, a scalar. */
    public Var sum() {
        return Ops.sum(this);
    }

    /** The mean of all elements, a scalar. */
    public Var mean() {
        return Ops.mean(this);
    }

    /** The sum over {@code axis}; {@code keepDim} keeps it with size 1. */
    public Var sum(int axis, boolean keepDim) {
        return Ops.sum(this, axis, keepDim);
    }

    /** The mean over {@code axis}; {@code keepDim} keeps it with size 1. */
    public Var mean(int axis, boolean keepDim) {
        return Ops.mean(this, axis, keepDim);
    }

    /** The same values with new dimensions (one may be −1, inferred). */
    public Var reshape(int... dims) {
        return Ops.reshape(this, dims);
    }

    /** {@code e^this} elementwise. */
    public Var exp() {
        return Activations.exp(this);
    }

    /** Natural log elementwise. */
    public Var log() {
        return Activations.log(this);
    }

    /** {@code this^p} elementwise for a constant exponent. */
    public Var pow(double p) {
        return Pointwise.pow(this, p);
    }

    /** {@code this^exponent} elementwise, broadcasting; see {@link Pointwise#pow(Var, Var)}. */
    public Var pow(Var exponent) {
        return Pointwise.pow(this, exponent);
    }

    /** Square root elementwise. */
    public Var sqrt() {
        return Pointwise.sqrt(this);
    }

    /** Absolute value elementwise; the gradient at 0 is 0. */
    public Var abs() {
        return Pointwise.abs(this);
    }

    /** {@code log(1 + this)}, accurate near 0. */
    public Var log1p() {
        return Pointwise.log1p(this);
    }

    /** {@code log(1 + e^this)}, computed without overflow; see {@link Pointwise#softplus(Var)}. */
    public Var softplus() {
        return Pointwise.softplus(this);
    }

    /** Clamped to {@code [min, max]}; see {@link Pointwise#clamp(Var, double, double)}. */
    public Var clamp(double min, double max) {
        return Pointwise.clamp(this, min, max);
    }

    /** Elementwise maximum, broadcasting; ties split the gradient equally. */
    public Var maximum(Var o) {
        return Pointwise.maximum(this, o);
    }

    /** Elementwise minimum, broadcasting; ties split the gradient equally. */
    public Var minimum(Var o) {
        return Pointwise.minimum(this, o);
    }

    /** The maximum over {@code axis}; see {@link Reductions#max(Var, int, boolean)}. */
    public Var max(int axis, boolean keepDim) {
        return Reductions.max(this, axis, keepDim);
    }

    /** The minimum over {@code axis}; see {@link Reductions#min(Var, int, boolean)}. */
    public Var min(int axis, boolean keepDim) {
        return Reductions.min(this, axis, keepDim);
    }

    /** The slice {@code [start, start + length)} along {@code axis}. */
    public Var narrow(int axis, int start, int length) {
        return Indexing.narrow(this, axis, start, length);
    }

    /** The entries at positions {@code index} along {@code axis}; see {@link Indexing#indexSelect(Var, int, int[])}. */
    public Var indexSelect(int axis, int[] index) {
        return Indexing.indexSelect(this, axis, index);
    }

    /** For a [B, K] value, the entry {@code index[b]} of each row b. */
    public Var gather(int[] index) {
        return Indexing.gather(this, index);
    }

    /** Inverted dropout; see {@link Dropout#dropout(Var, double, SplittableRandom, boolean)}. */
    public Var dropout(double p, SplittableRandom rng, boolean training) {
        return Dropout.dropout(this, p, rng, training);
    }

    @Override
    public String toString() {
        return "Var(" + (node == null ? (requiresGrad ? "param" : "const") : node.op()) + ", " + value + ")";
    }
}
