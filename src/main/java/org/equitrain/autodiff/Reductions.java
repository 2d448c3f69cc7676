package org.equitrain.autodiff;

import org.equitrain.tensor.Elementwise;
import org.equitrain.tensor.Reduce;
import org.equitrain.tensor.Tensor;

/**
 * Max and min over an axis. The value is the input gathered at the arg max (arg min), so the gradient flows to
 * that one entry; at ties it goes to the first, and a NaN in a slice wins (and propagates) as in PyTorch.
 */
public final class Reductions {
    private Reductions() {
    }

    /** The maximum over {@code axis}; the gradient goes to the first arg max of each slice. */
    public static Var max(Var a, int axis, boolean keepDim) {
        return extremum(a, axis, keepDim, argmax(a.value(), axis));
    }

    /** The minimum over {@code axis}; the gradient goes to the first arg min of each slice. */
    public static Var min(Var a, int axis, boolean keepDim) {
        return extremum(a, axis, keepDim, argmin(a.value(), axis));
    }

    /** The position of the maximum along {@code axis} of each slice, in the order of the reduced shape. */
    public static int[] argmax(Tensor a, int axis) {
        int ax = a.shape().normalizeAxis(axis);
        int[] arg = new int[a.shape().reduce(ax, false).size()];
        Reduce.max(a, ax, false, arg);
        return arg;
    }

    /** The position of the minimum along {@code axis} of each slice, in the order of the reduced shape. */
    public static int[] argmin(Tensor a, int axis) {
        return argmax(Elementwise.map(a, x -> -x), axis);
    }

    private static Var extremum(Var a, int axis, boolean keepDim, int[] arg) {
        int ax = a.shape().normalizeAxis(axis);
        Var picked = Indexing.gather(a, ax, arg);
        return keepDim ? Ops.reshape(picked, a.shape().reduce(ax, true).dims()) : picked;
    }
}
