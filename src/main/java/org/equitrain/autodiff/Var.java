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

    public static Var scalar(double v) {
        return constant(Tensor.scalar(v));
    }

    public Tensor value() {
        return value;
    }

    public Shape shape() {
        return value.shape();
    }

    public int dim(int axis) {
        return value.dim(axis);
    }

    public int rank() {
        return value.rank();
    }

    public DType dtype() {
        return value.dtype();
    }

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

    public double item() {
        return value.item();
    }

    // Fluent forms of the most common ops, for readable model code.

    public Var add(Var o) {
        return Ops.add(this, o);
    }

    public Var sub(Var o) {
        return Ops.sub(this, o);
    }

    public Var mul(Var o) {
        return Ops.mul(this, o);
    }

    public Var div(Var o) {
        return Ops.div(this, o);
    }

    public Var mul(double c) {
        return Ops.mulScalar(this, c);
    }

    public Var add(double c) {
        return Ops.addScalar(this, c);
    }

    public Var neg() {
        return Ops.neg(this);
    }

    public Var matmul(Var o) {
        return Ops.matmul(this, o);
    }

    public Var sum() {
        return Ops.sum(this);
    }

    public Var mean() {
        return Ops.mean(this);
    }

    public Var sum(int axis, boolean keepDim) {
        return Ops.sum(this, axis, keepDim);
    }

    public Var mean(int axis, boolean keepDim) {
        return Ops.mean(this, axis, keepDim);
    }

    public Var reshape(int... dims) {
        return Ops.reshape(this, dims);
    }

    public Var exp() {
        return Activations.exp(this);
    }

    public Var log() {
        return Activations.log(this);
    }

    public Var pow(double p) {
        return Pointwise.pow(this, p);
    }

    public Var pow(Var exponent) {
        return Pointwise.pow(this, exponent);
    }

    public Var sqrt() {
        return Pointwise.sqrt(this);
    }

    public Var abs() {
        return Pointwise.abs(this);
    }

    public Var log1p() {
        return Pointwise.log1p(this);
    }

    public Var softplus() {
        return Pointwise.softplus(this);
    }

    public Var clamp(double min, double max) {
        return Pointwise.clamp(this, min, max);
    }

    public Var maximum(Var o) {
        return Pointwise.maximum(this, o);
    }

    public Var minimum(Var o) {
        return Pointwise.minimum(this, o);
    }

    public Var max(int axis, boolean keepDim) {
        return Reductions.max(this, axis, keepDim);
    }

    public Var min(int axis, boolean keepDim) {
        return Reductions.min(this, axis, keepDim);
    }

    public Var narrow(int axis, int start, int length) {
        return Indexing.narrow(this, axis, start, length);
    }

    public Var indexSelect(int axis, int[] index) {
        return Indexing.indexSelect(this, axis, index);
    }

    /** For a [B, K] value, the entry {@code index[b]} of each row b. */
    public Var gather(int[] index) {
        return Indexing.gather(this, index);
    }

    public Var dropout(double p, SplittableRandom rng, boolean training) {
        return Dropout.dropout(this, p, rng, training);
    }

    @Override
    public String toString() {
        return "Var(" + (node == null ? (requiresGrad ? "param" : "const") : node.op()) + ", " + value + ")";
    }
}
