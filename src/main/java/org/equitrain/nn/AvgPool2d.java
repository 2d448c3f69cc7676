package org.equitrain.nn;

import java.util.List;
import org.equitrain.autodiff.Pool;
import org.equitrain.autodiff.Var;

/** Average pooling over k×k windows of [B, C, H, W]; the stride defaults to the kernel size. */
public final class AvgPool2d implements Module {
    private final int kernel;
    private final int stride;

    public AvgPool2d(int kernel, int stride) {
        this.kernel = kernel;
        this.stride = stride;
    }

    public AvgPool2d(int kernel) {
        this(kernel, kernel);
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        return List.of();
    }

    @Override
    public Var forward(Params p, Var x, Context ctx) {
        return Pool.avgPool2d(x, kernel, stride);
    }
}
