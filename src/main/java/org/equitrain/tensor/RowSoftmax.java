package org.equitrain.tensor;

/**
 * Softmax rows on plain float64 arrays, for loss heads that compute a value and its closed-form gradient outside the
 * graph (cross-entropy means, Rényi divergences between peers).
 */
public final class RowSoftmax {
    private RowSoftmax() {
    }

    /**
     * {@code out[outOff + k] = x[off + k]/T − LSE(x[off..off+m)/T)} for {@code k < m}: log softmax at temperature T,
     * shifted by the row maximum so that no exponential overflows.
     */
    public static void logSoftmax(double[] x, int off, int m, double temperature, double[] out, int outOff) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < m; k++) {
            out[outOff + k] = x[off + k] / temperature;
            max = Math.max(max, out[outOff + k]);
        }
        double sum = 0;
        for (int k = 0; k < m; k++) {
            sum += Math.exp(out[outOff + k] - max);
        }
        double lse = max + Math.log(sum);
        for (int k = 0; k < m; k++) {
            out[outOff + k] -= lse;
        }
    }
}
