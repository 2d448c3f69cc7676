package org.equitrain.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;

/**
 * A dense, row-major array of float64 or float32 numbers. Tensors carry no autodiff state; operations create new
 * tensors and never modify their inputs. The only in-place mutations are the explicit {@code *InPlace} methods used
 * by optimizers on parameter storage. A tensor made inside a {@link Workspace} scope may only be used until the
 * scope closes.
 */
public final class Tensor {
    private final Shape shape;
    private final DType dtype;
    private final double[] d;
    private final float[] f;
    /** The workspace scope that lent the storage, or null for storage this tensor owns. */
    private final Workspace.Scope lease;

    private Tensor(Shape shape, double[] d, float[] f) {
        this(shape, d, f, null);
    }

    private Tensor(Shape shape, double[] d, float[] f, Workspace.Scope lease) {
        this.shape = shape;
        this.lease = lease;
        this.dtype = d != null ? DType.FLOAT64 : DType.FLOAT32;
        this.d = d;
        this.f = f;
        int n = d != null ? d.length : f.length;
        if (n != shape.size()) {
            throw new ShapeException("tensor", "data of length " + n + " does not fill shape " + shape);
        }
    }

    // ---- factories ----

    /** Wraps a float64 array without copying; the caller must not modify it afterwards. */
    public static Tensor wrap(double[] data, int... dims) {
        return new Tensor(Shape.of(dims), data, null);
    }

    /** Wraps a float32 array without copying; the caller must not modify it afterwards. */
    public static Tensor wrap(float[] data, int... dims) {
        return new Tensor(Shape.of(dims), null, data);
    }

    /** Wraps a float64 array of {@code shape.size()} elements without copying; the caller must not modify it. */
    public static Tensor wrap(double[] data, Shape shape) {
        return new Tensor(shape, data, null);
    }

    /** Wraps a float32 array of {@code shape.size()} elements without copying; the caller must not modify it. */
    public static Tensor wrap(float[] data, Shape shape) {
        return new Tensor(shape, null, data);
    }

    /** A float64 tensor holding a copy of {@code data}. */
    public static Tensor of(double[] data, int... dims) {
        return wrap(data.clone(), dims);
    }

    /** A float64 vector. */
    public static Tensor vector(double... data) {
        return wrap(data.clone(), data.length);
    }

    /** A float64 scalar (rank 0). */
    public static Tensor scalar(double v) {
        return wrap(new double[] {v}, Shape.scalar());
    }

    /** A scalar (rank 0) of the given element type; float32 rounds {@code v}. */
    public static Tensor scalar(DType dtype, double v) {
        return full(dtype, v, Shape.scalar());
    }

    /** A tensor of zeros with the given dimensions. */
    public static Tensor zeros(DType dtype, int... dims) {
        return zeros(dtype, Shape.of(dims));
    }

    /** A tensor of zeros with the given shape. */
    public static Tensor zeros(DType dtype, Shape shape) {
        return dtype == DType.FLOAT64 ? new Tensor(shape, new double[shape.size()], null)
                : new Tensor(shape, null, new float[shape.size()]);
    }

    /**
     * A tensor whose every element the caller overwrites: storage lent by the active {@link Workspace} scope (contents
     * undefined), or a fresh array when no scope is open.
     */
    static Tensor uninitialized(DType dtype, Shape shape) {
        Workspace.Scope s = Workspace.active();
        if (s == null) {
            return zeros(dtype, shape);
        }
        int n = shape.size();
        return dtype == DType.FLOAT64 ? new Tensor(shape, s.doubles(n), null, s)
                : new Tensor(shape, null, s.floats(n), s);
    }

    static Tensor uninitialized(DType dtype, int... dims) {
        return uninitialized(dtype, Shape.of(dims));
    }

    /** A tensor with every element {@code v} (rounded to float for float32). */
    public static Tensor full(DType dtype, double v, Shape shape) {
        Tensor t = zeros(dtype, shape);
        if (t.d != null) {
            Arrays.fill(t.d, v);
        } else {
            Arrays.fill(t.f, (float) v);
        }
        return t;
    }

    /** A tensor of ones with the given dimensions. */
    public static Tensor ones(DType dtype, int... dims) {
        return full(dtype, 1.0, Shape.of(dims));
    }

    /** Standard normal entries from a seeded generator. */
    public static Tensor randn(DType dtype, SplittableRandom rng, int... dims) {
        Tensor t = zeros(dtype, dims);
        NormalizedGaussianSampler normal = Gaussian.sampler(rng);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, normal.sample());
        }
        return t;
    }

    /** Uniform entries in {@code [lo, hi)} from a seeded generator. */
    public static Tensor uniform(DType dtype, SplittableRandom rng, double lo, double hi, int... dims) {
        Tensor t = zeros(dtype, dims);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, lo + (hi - lo) * rng.nextDouble());
        }
        return t;
    }

    // ---- shape and type ----

    /** The shape; immutable. */
    public Shape shape() {
        return shape;
    }

    /** The dimension sizes, as a fresh array the caller may modify. */
    public int[] dims() {
        return shape.dims();
    }

    /** Size of dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /** Number of dimensions; 0 for a scalar. */
    public int rank() {
        return shape.rank();
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** The backing float64 array (no copy). Fails for float32 tensors. */
    public double[] doubles() {
        requireLive();
        if (d == null) {
            throw new IllegalStateException("tensor is float32; use floats() or toDoubleArray()");
        }
        return d;
    }

    /** The backing float32 array (no copy). Fails for float64 tensors. */
    public float[] floats() {
        requireLive();
        if (f == null) {
            throw new IllegalStateException("tensor is float64; use doubles() or toFloatArray()");
        }
        return f;
    }

    /** A view with another shape of the same size, sharing storage. */
    public Tensor reshape(int... dims) {
        return reshape(Shape.of(inferDims(dims)));
    }

    /** A view with shape {@code s} sharing this tensor's storage; throws {@link ShapeException} if the sizes differ. */
    public Tensor reshape(Shape s) {
        if (s.size() != size()) {
            throw new ShapeException("reshape", "cannot reshape " + shape + " to " + s);
        }
        return new Tensor(s, d, f, lease);
    }

    private int[] inferDims(int[] dims) {
        int unknown = -1;
        int known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                if (unknown >= 0) {
                    throw new ShapeException("reshape", "more than one -1 in " + Arrays.toString(dims));
                }
                unknown = i;
            } else {
                known *= dims[i];
            }
        }
        if (unknown < 0) {
            return dims;
        }
        int[] out = dims.clone();
        if (known == 0 || size() % known != 0) {
            throw new ShapeException("reshape", "cannot reshape " + shape + " to " + Arrays.toString(dims));
        }
        out[unknown] = size() / known;
        return out;
    }

    /** A copy in the given element type (this tensor itself if it already has that type). */
    public Tensor to(DType target) {
        if (target == dtype) {
            return this;
        }
        return target == DType.FLOAT64 ? new Tensor(shape, toDoubleArray(), null)
                : new Tensor(shape, null, toFloatArray());
    }

    /** A copy with its own storage, for instance to keep a tensor made in a {@link Workspace} scope past its close. */
    public Tensor copy() {
        requireLive();
        return d != null ? new Tensor(shape, d.clone(), null) : new Tensor(shape, null, f.clone());
    }

    // ---- element access ----

    /** Element {@code i} in row-major order, widened to double. */
    public double getFlat(int i) {
        requireLive();
        return d != null ? d[i] : f[i];
    }

    /** Sets one element; for building tensors, not for use on tensors already shared. */
    public void setFlat(int i, double v) {
        requireLive();
        if (d != null) {
            d[i] = v;
        } else {
            f[i] = (float) v;
        }
    }

    /** The element at a full multi-index (one index per dimension); throws if out of range. */
    public double get(int... index) {
        return getFlat(flatIndex(index));
    }

    /** Sets the element at a full multi-index; for building tensors, not for use on tensors already shared. */
    public void set(double v, int... index) {
        setFlat(flatIndex(index), v);
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.rank()) {
            throw new ShapeException("get", "index of rank " + index.length + " for shape " + shape);
        }
        int[] st = shape.strides();
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape.dim(i)) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of shape " + shape);
            }
            flat += index[i] * st[i];
        }
        return flat;
    }

    /** The single value of a one-element tensor. */
    public double item() {
        if (size() != 1) {
            throw new ShapeException("item", "tensor of shape " + shape + " has " + size() + " elements");
        }
        return getFlat(0);
    }

    /** The elements in row-major order, as a fresh float64 array the caller owns. */
    public double[] toDoubleArray() {
        requireLive();
        if (d != null) {
            return d.clone();
        }
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /** The elements in row-major order, as a fresh float32 array the caller owns (float64 values are rounded). */
    public float[] toFloatArray() {
        requireLive();
        if (f != null) {
            return f.clone();
        }
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    // ---- in-place updates (optimizers only) ----

    /** this += alpha * other, elementwise, shapes equal. */
    public void axpyInPlace(double alpha, Tensor other) {
        requireSameShape("axpyInPlace", other);
        if (d != null && other.d != null) {
            for (int i = 0; i < d.length; i++) {
                d[i] += alpha * other.d[i];
            }
        } else if (f != null && other.f != null) {
            float a = (float) alpha;
            for (int i = 0; i < f.length; i++) {
                f[i] += a * other.f[i];
            }
        } else {
            for (int i = 0; i < size(); i++) {
                setFlat(i, getFlat(i) + alpha * other.getFlat(i));
            }
        }
    }

    /** Copies {@code other}'s values into this tensor's storage. */
    public void assign(Tensor other) {
        requireSameShape("assign", other);
        if (d != null && other.d != null) {
            System.arraycopy(other.d, 0, d, 0, d.length);
        } else if (f != null && other.f != null) {
            System.arraycopy(other.f, 0, f, 0, f.length);
        } else {
            for (int i = 0; i < size(); i++) {
                setFlat(i, other.getFlat(i));
            }
        }
    }

    private void requireLive() {
        if (lease != null && lease.isClosed()) {
            throw new IllegalStateException("tensor " + shape + " was made inside a Workspace scope that has closed; "
                    + "copy() it inside the scope to keep it");
        }
    }

    private void requireSameShape(String op, Tensor other) {
        requireLive();
        other.requireLive();
        if (!shape.equals(other.shape)) {
            throw new ShapeException(op, "shapes " + shape + " and " + other.shape + " differ");
        }
    }

    @Override
    public String toString() {
        int n = Math.min(size(), 8);
        StringBuilder sb = new StringBuilder("Tensor").append(shape).append(' ').append(dtype).append(" [");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(getFlat(i));
        }
        return sb.append(size() > n ? ", ...]" : "]").toString();
    }
}
