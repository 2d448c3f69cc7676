package org.equitrain.autodiff;

import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/** Contiguous block copies and accumulations between tensors of one dtype, the kernels of the indexing ops. */
final class Blocks {
    private Blocks() {
    }

    /** {@code dst[dstOff, dstOff+len) = src[srcOff, srcOff+len)}. */
    static void copy(Tensor src, int srcOff, Tensor dst, int dstOff, int len) {
        if (dst.dtype() == DType.FLOAT64) {
            System.arraycopy(src.doubles(), srcOff, dst.doubles(), dstOff, len);
        } else {
            System.arraycopy(src.floats(), srcOff, dst.floats(), dstOff, len);
        }
    }

    /** {@code dst[dstOff, dstOff+len) += src[srcOff, srcOff+len)}. */
    static void add(Tensor src, int srcOff, Tensor dst, int dstOff, int len) {
        if (dst.dtype() == DType.FLOAT64) {
            double[] s = src.doubles();
            double[] d = dst.doubles();
            for (int i = 0; i < len; i++) {
                d[dstOff + i] += s[srcOff + i];
            }
        } else {
            float[] s = src.floats();
            float[] d = dst.floats();
            for (int i = 0; i < len; i++) {
                d[dstOff + i] += s[srcOff + i];
            }
        }
    }
}
