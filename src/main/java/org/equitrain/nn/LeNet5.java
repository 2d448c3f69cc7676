package org.equitrain.nn;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Pool;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.ShapeException;

/**
 * The classic LeNet-5 for 28×28 images: conv 6@5×5 (padding 2) → ReLU → max-pool 2 → conv 16@5×5 → ReLU →
 * max-pool 2 → fc 120 → ReLU → fc 84 → ReLU → fc {@code classes}. Input [B, 1, 28, 28] or flat [B, 784].
 * Parameters are named "conv1.weight", "conv1.bias", "conv2.weight", ..., "fc3.bias".
 */
public final class LeNet5 implements Module {
    private final Conv2d conv1 = new Conv2d(1, 6, 5, 1, 2);
    private final Conv2d conv2 = new Conv2d(6, 16, 5);
    private final Linear fc1 = new Linear(16 * 5 * 5, 120);
    private final Linear fc2 = new Linear(120, 84);
    private final Linear fc3;

    /** Ten classes (MNIST). */
    public LeNet5() {
        this(10);
    }

    /** {@code classes} outputs from the last layer. */
    public LeNet5(int classes) {
        fc3 = new Linear(84, classes);
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        List<ParamSpec> specs = new ArrayList<>();
        add(specs, "conv1", conv1);
        add(specs, "conv2", conv2);
        add(specs, "fc1", fc1);
        add(specs, "fc2", fc2);
        add(specs, "fc3", fc3);
        return specs;
    }

    @Override
    public Var forward(Params p, Var x, Context ctx) {
        Var h = Pool.maxPool2d(Activations.relu(conv1.forward(p.scope("conv1"), image(x), ctx)), 2, 2);
        h = Pool.maxPool2d(Activations.relu(conv2.forward(p.scope("conv2"), h, ctx)), 2, 2);
        h = Ops.reshape(h, h.dim(0), -1);
        h = Activations.relu(fc1.forward(p.scope("fc1"), h, ctx));
        h = Activations.relu(fc2.forward(p.scope("fc2"), h, ctx));
        return fc3.forward(p.scope("fc3"), h, ctx);
    }

    private static void add(List<ParamSpec> specs, String name, Module layer) {
        for (ParamSpec s : layer.paramSpecs()) {
            specs.add(s.prefixed(name));
        }
    }

    private static Var image(Var x) {
        if (x.rank() == 2 && x.dim(1) == 28 * 28) {
            return Ops.reshape(x, x.dim(0), 1, 28, 28);
        }
        if (x.rank() == 4 && x.dim(1) == 1 && x.dim(2) == 28 && x.dim(3) == 28) {
            return x;
        }
        throw new ShapeException("LeNet5", "input " + x.shape() + " is neither [batch, 784] nor [batch, 1, 28, 28]");
    }
}
