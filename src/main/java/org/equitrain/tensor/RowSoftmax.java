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
        logSoftmax(x, off, m, temperature, out, outOff, null);
    }

    /**
     * The same, and when {@code probs} is non-null softmax itself into {@code probs[outOff..]}: the shifted
     * exponentials the sum takes anyway, divided by it, so the probabilities cost no further exponential.
     */
    public static void logSoftmax(double[] x, int off, int m, double temperature, double[] out, int outOff,
            double[] probs) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < m; k++) {
            out[outOff + k] = temperature == 1 ? x[off + k] : x[off + k] / temperature;
            if (out[outOff + k] > max) { // a NaN is skipped here and makes every output NaN below
                max = out[outOff + k];
            }
        }
        double sum = 0;
        for (int k = 0; k < m; k++) {
            double e = Math.exp(out[outOff + k] - max);
            sum += e;
            if (probs != null) {
                probs[outOff + k] = e;
            }
        }
        double lse = max + Math.log(sum);
        for (int k = 0; k < m; k++) {
            out[outOff + k] -= lse;
        }
        if (probs != null) {
            for (int k = 0; k < m; k++) {
                probs[outOff + k] /= sum;
            }
        }
    }
}
