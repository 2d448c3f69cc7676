package org.equitrain.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.equitrain.cli.bench.ExternalAnchor;
import org.equitrain.cli.bench.Measurement;

/**
 * The anchor for equitrain's MLP step: the same training step (MLP 784-256-10, float32, batch 128, softmax
 * cross-entropy, SGD lr 0.01 momentum 0.9) in libtorch 2.7.1 CPU through DJL 0.35.1, with DJL in offline mode so the
 * native library comes from the {@code pytorch-native-cpu} jar on the classpath.
 */
public final class LibtorchMlpStep implements ExternalAnchor {
    @Override
    public String benchmark() {
        return "mlp-step";
    }

    @Override
    public String description() {
        return "libtorch " + Engine.getEngine("PyTorch").getVersion() + " CPU via DJL " + Engine.getDjlVersion();
    }

    @Override
    public Measurement measure(double warmupSeconds, int samples) throws Exception {
        try (NDManager base = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            base.getEngine().setRandomSeed(1);
            NDList params = new NDList(
                    base.randomUniform(-1 / 28f, 1 / 28f, new Shape(256, 784)),
                    base.randomUniform(-1 / 28f, 1 / 28f, new Shape(256)),
                    base.randomUniform(-1 / 16f, 1 / 16f, new Shape(10, 256)),
                    base.randomUniform(-1 / 16f, 1 / 16f, new Shape(10)));
            NDList velocity = new NDList();
            for (NDArray p : params) {
                p.setRequiresGradient(true);
                velocity.add(base.zeros(p.getShape()));
            }
            NDArray x = base.randomNormal(new Shape(128, 784));
            NDArray oneHot = base.randomInteger(0, 10, new Shape(128), DataType.INT64).oneHot(10);
            return Measurement.of("libtorch MLP 784-256-10 step, batch 128",
                    () -> step(base, params, velocity, x, oneHot), warmupSeconds, samples, 300);
        }
    }

    private static void step(NDManager base, NDList params, NDList velocity, NDArray x, NDArray oneHot) {
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
}
