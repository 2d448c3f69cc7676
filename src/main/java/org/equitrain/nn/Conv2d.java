package org.equitrain.nn;

import java.util.List;
import org.equitrain.autodiff.Conv;
import org.equitrain.autodiff.Var;

/**
 * 2-D convolution layer: weight [out, in, k, k] and bias [out], both initialised U(−1/√fanIn, 1/√fanIn) with
 * fanIn = in·k·k (PyTorch's default). Input [B, in, H, W].
 */
public final class Conv2d implements Module {
    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int padding;

    /**
     * Square {@code kernel × kernel} filters; throws unless the sizes and stride are positive and the padding
     * non-negative.
     */
    public Conv2d(int in, int out, int kernel, int stride, int padding) {
        if (in < 1 || out < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("Conv2d(in=" + in + ", out=" + out + ", kernel=" + kernel + ", stride="
                    + stride + ", padding=" + padding + "): sizes must be positive and padding non-negative");
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** Stride 1, no padding. */
    public Conv2d(int in, int out, int kernel) {
        this(in, out, kernel, 1, 0);
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        int fanIn = in * kernel * kernel;
        return List.of(new ParamSpec("weight", new int[] {out, in, kernel, kernel}, Init.uniformFanIn(fanIn)),
                new ParamSpec("bias", new int[] {out}, Init.uniformFanIn(fanIn)));
    }

    @Override
    public Var forward(Params p, Var x, Context ctx) {
        return Conv.conv2d(x, p.get("weight"), p.get("bias"), stride, padding);
    }
}
