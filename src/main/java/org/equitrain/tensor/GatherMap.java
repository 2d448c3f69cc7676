package org.equitrain.tensor;

import java.util.Arrays;

/**
 * A fixed sparse linear map in which every output element reads a few input elements: for each plane n,
 * {@code out[n, o] = scale · Σ_{j<fan} in[n, index[o·fan + j]]}, where a negative index reads zero (padding). Its
 * adjoint {@link #scatter} adds every output element back onto the inputs it read. im2col, col2im and the pooling
 * windows are such maps; a precomputed index table keeps their hot loops free of geometry arithmetic and calls.
 * When {@code fan} is 1 and the table is mostly runs of consecutive inputs (im2col with stride 1), it is also kept
 * as runs, which gather as block copies and scatter as vectorised adds.
 */
public final class GatherMap {
    private final int inSize;
    private final int outSize;
    private final int fan;
    private final int[] index;
    private final double scale;
    /** For fan 1 with long runs: run r covers outputs from {@code runOut[r]}, reading {@code runIn[r]} onwards. */
    private final int[] runOut;
    private final int[] runIn;
    private final int[] runLength;

    /** Fan-1 tables whose runs average at least this many elements are walked run by run. */
    private static final int MIN_MEAN_RUN = 4;

    /** {@code index} has {@code outSize · fan} entries, each in {@code [-1, inSize)}; it is not copied. */
    public GatherMap(int inSize, int outSize, int fan, int[] index, double scale) {
        if (index.length != (long) outSize * fan) {
            throw new IllegalArgumentException("index table of length " + index.length + " for " + outSize
                    + " outputs of fan " + fan);
        }
        for (int k : index) {
            if (k < -1 || k >= inSize) {
                throw new IllegalArgumentException("index " + k + " outside an input plane of size " + inSize);
            }
        }
        this.inSize = inSize;
        this.outSize = outSize;
        this.fan = fan;
        this.index = index;
        this.scale = scale;
        int runs = fan == 1 ? countRuns(index, index.length / MIN_MEAN_RUN) : 0;
        if (runs > 0 && index.length >= MIN_MEAN_RUN * runs) {
            runOut = new int[runs];
            runIn = new int[runs];
            runLength = new int[runs];
            for (int o = 0, r = -1; o < index.length; o++) {
                if (o == 0 || !continues(index, o)) {
                    r++;
                    runOut[r] = o;
                    runIn[r] = index[o];
                }
                runLength[r]++;
            }
        } else {
            runOut = null;
            runIn = null;
            runLength = null;
        }
    }

    /** True when output o reads the input after the one output o − 1 reads, or both read padding. */
    private static boolean continues(int[] index, int o) {
        return index[o] < 0 ? index[o - 1] < 0 : index[o - 1] >= 0 && index[o] == index[o - 1] + 1;
    }

    /** The number of runs in {@code index}, or some number above {@code limit} once there are more than that. */
    private static int countRuns(int[] index, int limit) {
        int runs = 0;
        for (int o = 0; o < index.length && runs <= limit; o++) {
            if (o == 0 || !continues(index, o)) {
                runs++;
            }
        }
        return runs;
    }

    /** Elements in one input plane. */
    public int inSize() {
        return inSize;
    }

    /** Elements in one output plane. */
    public int outSize() {
        return outSize;
    }

    /** Applies the map to every plane of {@code in} (size a multiple of {@link #inSize}); result in {@code outDims}. */
    public Tensor gather(Tensor in, int... outDims) {
        int planes = planes("gather", in, inSize);
        Tensor out = Tensor.zeros(in.dtype(), outDims);
        if (out.size() != planes * outSize) {
            throw new ShapeException("gather", planes + " planes of " + outSize + " outputs do not fill "
                    + out.shape());
        }
        for (int n = 0; n < planes; n++) {
            gatherPlane(in, n * inSize, out, n * outSize);
        }
        return out;
    }

    /**
     * Plane {@code plane} of {@code in} mapped into the first {@link #outSize} elements of {@code out} (same dtype),
     * overwriting them: the per-plane form of {@link #gather}, for callers that reuse one buffer.
     */
    public void gatherPlane(Tensor in, int plane, Tensor out) {
        if ((long) (plane + 1) * inSize > in.size() || out.size() < outSize || in.dtype() != out.dtype()) {
            throw new ShapeException("gather", "plane " + plane + " of " + in.shape() + " " + in.dtype() + " into "
                    + out.shape() + " " + out.dtype() + " (planes of " + inSize + ", " + outSize + " outputs)");
        }
        gatherPlane(in, plane * inSize, out, 0);
    }

    /** The adjoint of {@link #gather}: every plane of {@code out} added back onto a zero tensor of {@code inDims}. */
    public Tensor scatter(Tensor out, int... inDims) {
        int planes = planes("scatter", out, outSize);
        Tensor in = Tensor.zeros(out.dtype(), inDims);
        if (in.size() != planes * inSize) {
            throw new ShapeException("scatter", planes + " planes of " + inSize + " inputs do not fill " + in.shape());
        }
        for (int n = 0; n < planes; n++) {
            scatterPlane(out, n * outSize, in, n * inSize);
        }
        return in;
    }

    /**
     * The first {@link #outSize} elements of {@code out} added back onto plane {@code plane} of {@code in} (same
     * dtype): the adjoint of {@link #gatherPlane(Tensor, int, Tensor)}.
     */
    public void scatterPlane(Tensor out, Tensor in, int plane) {
        if ((long) (plane + 1) * inSize > in.size() || out.size() < outSize || in.dtype() != out.dtype()) {
            throw new ShapeException("scatter", out.shape() + " " + out.dtype() + " onto plane " + plane + " of "
                    + in.shape() + " " + in.dtype() + " (planes of " + inSize + ", " + outSize + " outputs)");
        }
        scatterPlane(out, 0, in, plane * inSize);
    }

    /** Outputs at {@code ob} of {@code out} from the inputs at {@code ib} of {@code in}, overwritten. */
    private void gatherPlane(Tensor in, int ib, Tensor out, int ob) {
        if (in.dtype() == DType.FLOAT64) {
            double[] x = in.doubles();
            double[] y = out.doubles();
            if (runOut != null && scale == 1) { // im2col: block copies
                for (int r = 0; r < runOut.length; r++) {
                    if (runIn[r] >= 0) {
                        System.arraycopy(x, ib + runIn[r], y, ob + runOut[r], runLength[r]);
                    } else {
                        Arrays.fill(y, ob + runOut[r], ob + runOut[r] + runLength[r], 0);
                    }
                }
            } else if (fan == 1 && scale == 1) { // max pooling: a plain indexed copy
                for (int o = 0; o < outSize; o++) {
                    int k = index[o];
                    y[ob + o] = k >= 0 ? x[ib + k] : 0;
                }
            } else {
                for (int o = 0, t = 0; o < outSize; o++) {
                    double s = 0;
                    for (int j = 0; j < fan; j++, t++) {
                        int k = index[t];
                        if (k >= 0) {
                            s += x[ib + k];
                        }
                    }
                    y[ob + o] = scale * s;
                }
            }
        } else {
            float[] x = in.floats();
            float[] y = out.floats();
            float sc = (float) scale;
            if (runOut != null && scale == 1) {
                for (int r = 0; r < runOut.length; r++) {
                    if (runIn[r] >= 0) {
                        System.arraycopy(x, ib + runIn[r], y, ob + runOut[r], runLength[r]);
                    } else {
                        Arrays.fill(y, ob + runOut[r], ob + runOut[r] + runLength[r], 0);
                    }
                }
            } else if (fan == 1 && scale == 1) {
                for (int o = 0; o < outSize; o++) {
                    int k = index[o];
                    y[ob + o] = k >= 0 ? x[ib + k] : 0;
                }
            } else {
                for (int o = 0, t = 0; o < outSize; o++) {
                    float s = 0;
                    for (int j = 0; j < fan; j++, t++) {
                        int k = index[t];
                        if (k >= 0) {
                            s += x[ib + k];
                        }
                    }
                    y[ob + o] = sc * s;
                }
            }
        }
    }

    /** Adds the outputs at {@code ob} of {@code out} onto the inputs at {@code ib} of {@code in}. */
    private void scatterPlane(Tensor out, int ob, Tensor in, int ib) {
        if (out.dtype() == DType.FLOAT64) {
            double[] y = out.doubles();
            double[] x = in.doubles();
            if (runOut != null && scale == 1) { // col2im: run-by-run adds
                for (int r = 0; r < runOut.length; r++) {
                    int from = ib + runIn[r];
                    int to = ob + runOut[r];
                    for (int i = 0, len = runIn[r] >= 0 ? runLength[r] : 0; i < len; i++) {
                        x[from + i] += y[to + i];
                    }
                }
            } else if (fan == 1 && scale == 1) { // max-pool backward: a plain indexed add
                for (int o = 0; o < outSize; o++) {
                    int k = index[o];
                    if (k >= 0) {
                        x[ib + k] += y[ob + o];
                    }
                }
            } else {
                for (int o = 0, t = 0; o < outSize; o++) {
                    double g = scale * y[ob + o];
                    for (int j = 0; j < fan; j++, t++) {
                        int k = index[t];
                        if (k >= 0) {
                            x[ib + k] += g;
                        }
                    }
                }
            }
        } else {
            float[] y = out.floats();
            float[] x = in.floats();
            float sc = (float) scale;
            if (runOut != null && scale == 1) {
                for (int r = 0; r < runOut.length; r++) {
                    int from = ib + runIn[r];
                    int to = ob + runOut[r];
                    for (int i = 0, len = runIn[r] >= 0 ? runLength[r] : 0; i < len; i++) {
                        x[from + i] += y[to + i];
                    }
                }
            } else if (fan == 1 && scale == 1) {
                for (int o = 0; o < outSize; o++) {
                    int k = index[o];
                    if (k >= 0) {
                        x[ib + k] += y[ob + o];
                    }
                }
            } else {
                for (int o = 0, t = 0; o < outSize; o++) {
                    float g = sc * y[ob + o];
                    for (int j = 0; j < fan; j++, t++) {
                        int k = index[t];
                        if (k >= 0) {
                            x[ib + k] += g;
                        }
                    }
                }
            }
        }
    }

    private static int planes(String op, Tensor t, int planeSize) {
        if (planeSize == 0 || t.size() % planeSize != 0) {
            throw new ShapeException(op, "tensor of shape " + t.shape() + " is not a whole number of planes of "
                    + planeSize + " elements");
        }
        return t.size() / planeSize;
    }
}
