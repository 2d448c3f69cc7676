package org.equitrain.nn;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;

/** Dense layer {@code y = x·Wᵀ + b}, W of shape [out, in] as in PyTorch, initialised U(−1/√in, 1/√in). */
public final class Linear implements Module {
    private final int in;
    private final int out;
    private final boolean bias;

    /** With a bias. */
    public Linear(int in, int out) {
        this(in, out, true);
    }

    /** Without a bias when {@code bias} is false. */
    public Linear(int in, int out, boolean bias) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear(in=" + in + ", out=" + out + "): sizes must be 1 or more");
        }
        this.in = in;
        this.out = out;
        this.bias = bias;
    }

    /** Input width {@code in}. */
    public int inFeatures() {
        return in;
    }

    /** Output width {@code out}. */
    public int outFeatures() {
        return out;
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        List<ParamSpec> specs = new ArrayList<>();
        specs.add(new ParamSpec("weight", new int[] {out, in}, Init.uniformFanIn(in)));
        if (bias) {
            specs.add(new ParamSpec("bias", new int[] {out}, Init.uniformFanIn(in)));
        }
        return specs;
    }

    @Override
    public Var forward(Params p, Var x, Context ctx) {
        return Ops.linear(x, p.get("weight"), bias ? p.get("bias") : null);
    }
}
