package org.equitrain.nn;

import java.util.Arrays;

/** A named parameter of a module: its shape and how to initialise it. */
public record ParamSpec(String name, int[] shape, Init init) {
    /** Copies {@code shape}. */
    public ParamSpec {
        shape = shape.clone();
    }

    /** The shape, as a fresh array. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements, the product of the shape. */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The same spec under {@code prefix + "." + name}. */
    public ParamSpec prefixed(String prefix) {
        return new ParamSpec(prefix + "." + name, shape, init);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamSpec p && p.name.equals(name) && Arrays.equals(p.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
