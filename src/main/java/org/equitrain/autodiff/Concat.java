package org.equitrain.autodiff;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/** Joining values along an axis: {@link #concat} along an existing axis, {@link #stack} along a new one. */
public final class Concat {
    private Concat() {
    }

    /**
     * The values joined along {@code axis}; all other dimensions must agree. Mixed dtypes are promoted. The
     * gradient of each input is its slice of the output gradient.
     */
    public static Var concat(List<Var> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: no values to join");
        }
        Shape first = parts.get(0).shape();
        int ax = first.normalizeAxis(axis);
        DType dt = parts.get(0).dtype();
        int total = 0;
        for (int p = 0; p < parts.size(); p++) {
            Shape s = parts.get(p).shape();
            if (s.rank() != first.rank() || !s.reduce(ax, true).equals(first.reduce(ax, true))) {
                throw new ShapeException("concat", "value " + p + " of shape " + s + " does not match value 0 of shape "
                        + first + " outside axis " + ax);
            }
            total += s.dim(ax);
            dt = DType.promote(dt, parts.get(p).dtype());
        }
        int outer = first.sizeBetween(0, ax);
        int inner = first.sizeBetween(ax + 1, first.rank());
        int[] dims = first.dims();
        dims[ax] = total;
        Tensor out = Tensor.zeros(dt, dims);
        int[] offsets = new int[parts.size()];
        int offset = 0;
        for (int p = 0; p < parts.size(); p++) {
            Tensor x = parts.get(p).value().to(dt);
            int len = x.dim(ax) * inner;
            for (int o = 0; o < outer; o++) {
                Blocks.copy(x, o * len, out, o * total * inner + offset * inner, len);
            }
            offsets[p] = offset;
            offset += x.dim(ax);
        }
        Var[] inputs = parts.toArray(new Var[0]);
        return Ops.record("concat", out, g -> {
            Var[] grads = new Var[inputs.length];
            for (int p = 0; p < inputs.length; p++) {
                grads[p] = inputs[p].requiresGrad() ? Indexing.narrow(g, ax, offsets[p], inputs[p].dim(ax)) : null;
            }
            return grads;
        }, inputs);
    }

    /** The values, all of one shape, stacked along a new axis {@code axis} (0 ≤ axis ≤ rank). */
    public static Var stack(List<Var> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stack: no values to stack");
        }
        Shape first = parts.get(0).shape();
        int ax = axis < 0 ? axis + first.rank() + 1 : axis;
        if (ax < 0 || ax > first.rank()) {
            throw new IllegalArgumentException("stack: axis " + axis + " out of range for values of shape " + first);
        }
        int[] dims = new int[first.rank() + 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            dims[i] = i == ax ? 1 : first.dim(j++);
        }
        List<Var> expanded = new ArrayList<>(parts.size());
        for (int p = 0; p < parts.size(); p++) {
            Var v = parts.get(p);
            if (!v.shape().equals(first)) {
                throw new ShapeException("stack", "value " + p + " has shape " + v.shape() + ", value 0 has " + first);
            }
            expanded.add(Ops.reshape(v, dims));
        }
        return concat(expanded, ax);
    }
}
