package org.equitrain.data;

import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/** Row gathering (for {@link Dataset#select} and minibatches): whole rows of a [N, d] matrix copied with {@code arraycopy}. */
public final class Rows {
    private Rows() {
    }

    /** Rows {@code rows} of the [N, d] matrix {@code x}, in that order, same element type. */
    public static Tensor select(Tensor x, int[] rows) {
        check(rows, x.dim(0), "select");
        int d = x.dim(1);
        if (x.dtype() == DType.FLOAT64) {
            double[] src = x.doubles();
            double[] out = new double[rows.length * d];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(src, rows[i] * d, out, i * d, d);
            }
            return Tensor.wrap(out, rows.length, d);
        }
        float[] src = x.floats();
        float[] out = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(src, rows[i] * d, out, i * d, d);
        }
        return Tensor.wrap(out, rows.length, d);
    }

    /** Throws, naming {@code what} and the position, unless every index of {@code rows} is in 0..n−1. */
    public static void check(int[] rows, int n, String what) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= n) {
                throw new IndexOutOfBoundsException(what + ": row index " + rows[i] + " at position " + i
                        + " is outside 0.." + (n - 1) + " (" + n + " rows)");
            }
        }
    }

    /** The row indices from, from + 1, …, to − 1. */
    public static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    /** {@code v[rows[i]]} for each i, in a new array. */
    public static int[] pick(int[] v, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }

    static double[] pick(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }
}
