package org.equitrain.autodiff;

import org.equitrain.tensor.DType;
import org.equitrain.tensor.GatherMap;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.SlidingWindows;
import org.equitrain.tensor.Tensor;

/**
 * 2-D max and average pooling over x [B, C, H, W] without padding (output size rounded down, as in PyTorch). Both are
 * gathers through a {@link GatherMap}: average pooling through the fixed windows scaled by 1/k², max pooling through
 * the arg-max of each window (first maximum on ties, NaN propagates). The backward of a gather is the scatter
 * through the same map and vice versa, so both ops are differentiable to any order.
 */
public final class Pool {
    private Pool() {
    }

    /** Max pooling of x [B, C, H, W] over {@code kernel × kernel} windows, no padding: [B, C, Ho, Wo]. */
    public static Var maxPool2d(Var x, int kernel, int stride) {
        SlidingWindows win = windows("maxPool2d", x, kernel, stride);
        int planes = x.dim(0) * x.dim(1);
        int planeSize = x.dim(2) * x.dim(3);
        int fan = kernel * kernel;
        int positions = win.positions();
        int[] window = win.windowIndex();
        int[] argmax = new int[planes * positions];
        Tensor v = x.value();
        int[] outDims = outDims(x, win);
        Tensor y = Tensor.zeros(v.dtype(), outDims);
        if (v.dtype() == DType.FLOAT64) {
            windowArgmax(v.doubles(), planes, planeSize, window, fan, argmax, y.doubles());
        } else {
            windowArgmax(v.floats(), planes, planeSize, window, fan, argmax, y.floats());
        }
        GatherMap map = new GatherMap(v.size(), argmax.length, 1, argmax, 1.0);
        int[] inDims = x.shape().dims();
        return Ops.record("maxPool2d", y, g -> new Var[] {scatter("maxPool2dBackward", "maxPool2d", g, map, inDims)},
                x);
    }

    /*
     * The arg-max loops compare order-preserving integer keys with a branch-free mask: the maximum of a window moves
     * unpredictably, and a mispredicted branch per comparison cost more than the rest of the pooling. Keys come from
     * floatToIntBits(v + 0), so −0 ties with +0 and every NaN becomes the one canonical NaN, above +∞: the first
     * maximum wins ties and the first NaN wins, as in PyTorch.
     */

    /** For every window of every plane, the flat index of its first maximum (or first NaN) and that value. */
    private static void windowArgmax(double[] v, int planes, int planeSize, int[] window, int fan, int[] argmax,
            double[] max) {
        for (int n = 0, t = 0; n < planes; n++) {
            int base = n * planeSize;
            for (int w = 0; w < window.length; w += fan, t++) {
                int best = base + window[w];
                long bestKey = key(v[best]);
                for (int j = 1; j < fan; j++) {
                    int k = base + window[w + j];
                    long key = key(v[k]);
                    long d = bestKey - key; // bestKey < key, free of overflow: Hacker's Delight §2-12
                    long below = (d ^ ((bestKey ^ key) & (d ^ bestKey))) >> 63;
                    best ^= (best ^ k) & (int) below;
                    bestKey ^= (bestKey ^ key) & below;
                }
                argmax[t] = best;
                max[t] = v[best];
            }
        }
    }

    /** The float32 form of {@link #windowArgmax(double[], int, int, int[], int, int[], double[])}. */
    private static void windowArgmax(float[] v, int planes, int planeSize, int[] window, int fan, int[] argmax,
            float[] max) {
        for (int n = 0, t = 0; n < planes; n++) {
            int base = n * planeSize;
            for (int w = 0; w < window.length; w += fan, t++) {
                int best = base + window[w];
                int bestKey = key(v[best]);
                for (int j = 1; j < fan; j++) {
                    int k = base + window[w + j];
                    int key = key(v[k]);
                    int below = (int) (((long) bestKey - key) >> 63); // all ones when bestKey < key
                    best ^= (best ^ k) & below;
                    bestKey ^= (bestKey ^ key) & below;
                }
                argmax[t] = best;
                max[t] = v[best];
            }
        }
    }

    /** A key ordered as the doubles are, −0 equal to +0 and every NaN above +∞. */
    private static long key(double x) {
        long bits = Double.doubleToLongBits(x + 0.0);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /** A key ordered as the floats are, −0 equal to +0 and every NaN above +∞. */
    private static int key(float x) {
        int bits = Float.floatToIntBits(x + 0f);
        return bits ^ ((bits >> 31) & Integer.MAX_VALUE);
    }

    /** Average pooling of x [B, C, H, W] over {@code kernel × kernel} windows, no padding: [B, C, Ho, Wo]. */
    public static Var avgPool2d(Var x, int kernel, int stride) {
        SlidingWindows win = windows("avgPool2d", x, kernel, stride);
        GatherMap map = win.windows(1.0 / (kernel * kernel));
        return gather("avgPool2d", "avgPool2dBackward", x, map, outDims(x, win));
    }

    /** The op {@code map.gather(in)}; its backward is {@link #scatter} through the same map. */
    private static Var gather(String op, String adjointOp, Var in, GatherMap map, int[] outDims) {
        int[] inDims = in.shape().dims();
        return Ops.record(op, map.gather(in.value(), outDims),
                g -> new Var[] {scatter(adjointOp, op, g, map, inDims)}, in);
    }

    /** The op {@code map.scatter(out)} (the adjoint of {@link #gather}); its backward is the gather. */
    private static Var scatter(String op, String adjointOp, Var out, GatherMap map, int[] inDims) {
        int[] outDims = out.shape().dims();
        return Ops.record(op, map.scatter(out.value(), inDims),
                h -> new Var[] {gather(adjointOp, op, h, map, outDims)}, out);
    }

    private static SlidingWindows windows(String op, Var x, int kernel, int stride) {
        if (x.rank() != 4) {
            throw new ShapeException(op, "input " + x.shape() + " is not [batch, channels, height, width]");
        }
        try {
            return new SlidingWindows(1, x.dim(2), x.dim(3), kernel, kernel, stride, 0);
        } catch (IllegalArgumentException e) {
            throw new ShapeException(op, "input " + x.shape() + ": " + e.getMessage());
        }
    }

    private static int[] outDims(Var x, SlidingWindows win) {
        return new int[] {x.dim(0), x.dim(1), win.outHeight(), win.outWidth()};
    }
}
