package org.equitrain.autodiff;

import org.equitrain.tensor.DType;
import org.equitrain.tensor.GatherMap;
import org.equitrain.tensor.Gemm;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.SlidingWindows;
import org.equitrain.tensor.Tensor;

/**
 * 2-D convolution (cross-correlation, as in PyTorch) by im2col and GEMM. The op and its two backward products form
 * a closed family: all three derive from the trilinear form {@code T(x, w, g) = ⟨g, conv2d(x, w)⟩}, so
 * {@code ∂T/∂x = inputGrad(g, w)} (col2im of Wᵀ·g) and {@code ∂T/∂w = weightGrad(x, g)} (g·colsᵀ), and each of them
 * is differentiated by the other two. Double backward therefore works through convolutions.
 */
public final class Conv {
    private Conv() {
    }

    /**
     * {@code y[b, o] = Σ_c w[o, c] ⋆ x[b, c] + bias[o]} with x [B, C, H, W], w [O, C, kh, kw], bias [O] or null,
     * the same stride and zero padding along both axes; y is [B, O, Ho, Wo]. Recorded as one "conv2d" node with
     * {@link Conv2dAttributes}, so per-example machinery can find the layer input and weight.
     */
    public static Var conv2d(Var x, Var w, Var bias, int stride, int padding) {
        if (x.rank() != 4 || w.rank() != 4 || x.dim(1) != w.dim(1)) {
            throw new ShapeException("conv2d", "input " + x.shape() + " does not fit weight " + w.shape()
                    + " (expected input [batch, " + (w.rank() == 4 ? w.dim(1) : "channels") + ", height, width])");
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != w.dim(0))) {
            throw new ShapeException("conv2d", "bias " + bias.shape() + " does not fit weight " + w.shape());
        }
        Conv2dAttributes attrs = new Conv2dAttributes(stride, padding);
        SlidingWindows win = windows(attrs, x.shape(), w.shape());
        Tensor y = forward(x.value(), w.value(), win);
        if (bias != null) {
            addChannelBias(y, bias.value().to(y.dtype()));
        }
        int batch = x.dim(0);
        int out = w.dim(0);
        Node.SelectiveBackward bw = (g, wanted) -> new Var[] {
            x.requiresGrad() && Node.SelectiveBackward.wants(wanted, 0) ? inputGrad(g, w, x.shape(), attrs) : null,
            w.requiresGrad() && Node.SelectiveBackward.wants(wanted, 1) ? weightGrad(x, g, w.shape(), attrs) : null,
            bias != null && bias.requiresGrad() && Node.SelectiveBackward.wants(wanted, 2)
                ? Ops.sum(Ops.sum(Ops.reshape(g, batch, out, -1), 2, false), 0, false) : null};
        return bias == null ? Ops.record("conv2d", attrs, y, bw, x, w) : Ops.record("conv2d", attrs, y, bw, x, w, bias);
    }

    /** im2col of a batch: [B, C, H, W] → [B, C·kh·kw, Ho·Wo] (see {@link SlidingWindows#im2col}). */
    public static Tensor im2col(Tensor x, SlidingWindows win) {
        return win.im2col().gather(x, x.dim(0), win.patchSize(), win.positions());
    }

    /** {@code ∂⟨g, conv2d(x, w)⟩/∂x}: col2im of {@code Wᵀ·g_b} per example, through one reused column buffer. */
    private static Var inputGrad(Var g, Var w, Shape xShape, Conv2dAttributes attrs) {
        SlidingWindows win = windows(attrs, xShape, w.shape());
        DType dt = DType.promote(g.dtype(), w.dtype());
        int out = w.dim(0);
        int patch = win.patchSize();
        int positions = win.positions();
        Tensor w2 = w.value().to(dt).reshape(out, patch);
        Tensor gv = g.value().to(dt);
        GatherMap im2col = win.im2col();
        Tensor colGrad = Tensor.zeros(dt, patch, positions);
        Tensor dx = Tensor.zeros(dt, xShape);
        for (int b = 0; b < xShape.dim(0); b++) {
            Gemm.gemm(w2, 0, gv, b * out * positions, colGrad, 0, patch, positions, out, true, false, 1.0, 0.0);
            im2col.scatterPlane(colGrad, dx, b);
        }
        return Ops.record("conv2dInputGrad", attrs, dx, h -> new Var[] {
            g.requiresGrad() ? conv2d(h, w, null, attrs.stride(), attrs.padding()) : null,
            w.requiresGrad() ? weightGrad(h, g, w.shape(), attrs) : null}, g, w);
    }

    /**
     * {@code ∂⟨g, conv2d(x, w)⟩/∂w = Σ_b g_b · cols_bᵀ}, with each example's patches im2col'd into one reused buffer
     * (recomputed rather than kept from the forward pass: a copy is cheaper than holding [B, C·kh·kw, L]).
     */
    private static Var weightGrad(Var x, Var g, Shape wShape, Conv2dAttributes attrs) {
        SlidingWindows win = windows(attrs, x.shape(), wShape);
        DType dt = DType.promote(x.dtype(), g.dtype());
        int out = wShape.dim(0);
        int patch = win.patchSize();
        int positions = win.positions();
        Tensor xv = x.value().to(dt);
        Tensor gv = g.value().to(dt);
        GatherMap im2col = win.im2col();
        Tensor cols = Tensor.zeros(dt, patch, positions);
        Tensor dw = Tensor.zeros(dt, wShape);
        for (int b = 0; b < x.dim(0); b++) {
            im2col.gatherPlane(xv, b, cols);
            Gemm.gemm(gv, b * out * positions, cols, 0, dw, 0, out, patch, positions, false, true, 1.0,
                    b == 0 ? 0.0 : 1.0);
        }
        return Ops.record("conv2dWeightGrad", attrs, dw, h -> new Var[] {
            x.requiresGrad() ? inputGrad(g, h, x.shape(), attrs) : null,
            g.requiresGrad() ? conv2d(x, h, null, attrs.stride(), attrs.padding()) : null}, x, g);
    }

    /**
     * {@code Σ_b g_b [O, L] · cols_bᵀ [L, C·kh·kw]}, the weight gradient from im2col patches {@code cols}
     * [B, C·kh·kw, L] and output gradients {@code g} [B, O, ...L], as one GEMM accumulated over the batch.
     */
    public static Tensor weightGradient(Tensor cols, Tensor g, Shape wShape) {
        DType dt = DType.promote(cols.dtype(), g.dtype());
        Tensor c = cols.to(dt);
        Tensor gg = g.to(dt);
        int batch = c.dim(0);
        int patch = c.dim(1);
        int positions = c.dim(2);
        int out = wShape.dim(0);
        Tensor dw = Tensor.zeros(dt, wShape);
        for (int b = 0; b < batch; b++) {
            Gemm.gemm(gg, b * out * positions, c, b * patch * positions, dw, 0, out, patch, positions, false, true,
                    1.0, b == 0 ? 0.0 : 1.0);
        }
        return dw;
    }

    /** {@code y_b = W [O, C·kh·kw] · im2col(x_b)} per example, through one reused patch buffer; y [B, O, Ho, Wo]. */
    private static Tensor forward(Tensor x, Tensor w, SlidingWindows win) {
        DType dt = DType.promote(x.dtype(), w.dtype());
        int out = w.dim(0);
        int patch = win.patchSize();
        int positions = win.positions();
        Tensor xv = x.to(dt);
        Tensor w2 = w.to(dt).reshape(out, patch);
        GatherMap im2col = win.im2col();
        Tensor cols = Tensor.zeros(dt, patch, positions);
        Tensor y = Tensor.zeros(dt, x.dim(0), out, win.outHeight(), win.outWidth());
        for (int b = 0; b < x.dim(0); b++) {
            im2col.gatherPlane(xv, b, cols);
            Gemm.gemm(w2, 0, cols, 0, y, b * out * positions, out, positions, patch, false, false, 1.0, 0.0);
        }
        return y;
    }

    private static SlidingWindows windows(Conv2dAttributes attrs, Shape x, Shape w) {
        try {
            return attrs.windows(x, w);
        } catch (IllegalArgumentException e) {
            throw new ShapeException("conv2d", "input " + x + ", weight " + w + ": " + e.getMessage());
        }
    }

    /** Adds {@code bias[o]} to every position of channel o of {@code y} [B, O, Ho, Wo], in place (y is fresh). */
    private static void addChannelBias(Tensor y, Tensor bias) {
        int channels = y.dim(1);
        int positions = y.dim(2) * y.dim(3);
        int planes = y.dim(0) * channels;
        if (y.dtype() == DType.FLOAT64) {
            double[] v = y.doubles();
            double[] b = bias.doubles();
            for (int p = 0; p < planes; p++) {
                double bo = b[p % channels];
                for (int l = p * positions, end = l + positions; l < end; l++) {
                    v[l] += bo;
                }
            }
        } else {
            float[] v = y.floats();
            float[] b = bias.floats();
            for (int p = 0; p < planes; p++) {
                float bo = b[p % channels];
                for (int l = p * positions, end = l + positions; l < end; l++) {
                    v[l] += bo;
                }
            }
        }
    }
}
