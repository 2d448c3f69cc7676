package org.equitrain.data;

import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/** Row gathering for {@link Dataset#select}: whole rows of a [N, d] matrix copied with {@code arraycopy}. */
final class Rows {
    private Rows() {
    }

    /** Rows {@code rows} of the [N, d] matrix {@code x}, in that order, same element type. */
    static Tensor select(Tensor x, int[] rows) {
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

    static int[] pick(int[] v, int[] rows) {
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
