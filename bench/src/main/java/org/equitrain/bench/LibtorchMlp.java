package org.equitrain.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * The MLP 784-256-10 training step in libtorch (float32, batch 128, softmax cross-entropy, SGD lr 0.01 momentum
 * 0.9, PyTorch's initialisation bounds), through DJL's NDArray API with libtorch's autograd.
 */
public final class LibtorchMlp implements AutoCloseable {
    private final NDManager base = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    private final NDList params;
    private final NDList velocity = new NDList();
    private final NDArray x;
    private final NDArray oneHot;

    public LibtorchMlp() {
        base.getEngine().setRandomSeed(1);
        params = new NDList(
                base.randomUniform(-1 / 28f, 1 / 28f, new Shape(256, 784)),
                base.randomUniform(-1 / 28f, 1 / 28f, new Shape(256)),
                base.randomUniform(-1 / 16f, 1 / 16f, new Shape(10, 256)),
                base.randomUniform(-1 / 16f, 1 / 16f, new Shape(10)));
        for (NDArray p : params) {
            p.setRequiresGradient(true);
            velocity.add(base.zeros(p.getShape()));
        }
        x = base.randomNormal(new Shape(128, 784));
        oneHot = base.randomInteger(0, 10, new Shape(128), DataType.INT64).oneHot(10);
    }

    public static String description() {
        return "libtorch " + Engine.getEngine("PyTorch").getVersion() + " CPU via DJL " + Engine.getDjlVersion();
    }

    /** One forward, backward and SGD-momentum update; temporaries are freed with the step's sub-manager. */
    public void step() {
        try (NDManager step = base.newSubManager()) {
            params.tempAttach(step);
            velocity.tempAttach(step);
            x.tempAttach(step);
            oneHot.tempAttach(step);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray h = x.matMul(params.get(0).transpose()).add(params.get(1)).maximum(0f);
                NDArray logits = h.matMul(params.get(2).transpose()).add(params.get(3));
                NDArray loss = logits.logSoftmax(1).mul(oneHot).sum().neg().div(128f);
                gc.backward(loss);
            }
            for (int i = 0; i < params.size(); i++) {
                NDArray v = velocity.get(i);
                v.muli(0.9f).addi(params.get(i).getGradient());
                params.get(i).subi(v.mul(0.01f));
            }
        }
    }

    @Override
    public void close() {
        base.close();
    }
}
