package org.equitrain.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Conv;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Conv2d, pooling, Flatten and LeNet-5 as modules: shapes, names, initialisation, and learning a toy task. */
class ConvModulesTest {

    @Test
    void conv2dDeclaresPyTorchShapesAndInit() {
        Conv2d conv = new Conv2d(3, 8, 5, 2, 1);
        Params p = Params.init(conv, DType.FLOAT64, 1);
        assertEquals(List.of("weight", "bias"), p.names());
        assertArrayEquals(new int[] {8, 3, 5, 5}, p.get("weight").value().dims());
        double bound = 1 / Math.sqrt(3 * 5 * 5);
        double max = 0;
        for (Tensor t : p.tensors()) {
            for (int i = 0; i < t.size(); i++) {
                max = Math.max(max, Math.abs(t.getFlat(i)));
            }
        }
        assertTrue(max <= bound && max > 0.9 * bound, "max |w| " + max + " vs bound " + bound);
        Var x = Var.constant(Tensor.randn(DType.FLOAT64, new SplittableRandom(2), 2, 3, 9, 9));
        Var y = conv.forward(p, x);
        assertArrayEquals(new int[] {2, 8, 4, 4}, y.value().dims());
        assertArrayEquals(Conv.conv2d(x, p.get("weight"), p.get("bias"), 2, 1).value().doubles(), y.value().doubles());
    }

    @Test
    void sequentialCnnWithPoolingAndFlatten() {
        Sequential cnn = new Sequential(new Conv2d(1, 4, 3, 1, 1), Activation.relu(), new MaxPool2d(2),
                new Conv2d(4, 4, 3), new AvgPool2d(2, 1), new Flatten(), new Linear(4 * 1 * 1, 3));
        Params p = Params.init(cnn, DType.FLOAT64, 3);
        assertEquals(List.of("0.weight", "0.bias", "3.weight", "3.bias", "6.weight", "6.bias"), p.names());
        Var x = Var.constant(Tensor.randn(DType.FLOAT64, new SplittableRandom(4), 5, 1, 8, 8));
        assertArrayEquals(new int[] {5, 3}, cnn.forward(p, x).value().dims());
    }

    @Test
    void leNet5HasTheClassicParameterCountAndAcceptsFlatImages() {
        LeNet5 net = new LeNet5();
        Params p = Params.init(net, DType.FLOAT32, 5);
        assertEquals(61_706, p.count());
        assertEquals(List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias",
                "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"), p.names());
        Tensor flat = Tensor.randn(DType.FLOAT32, new SplittableRandom(6), 3, 784);
        Tensor a = net.forward(p, Var.constant(flat)).value();
        Tensor b = net.forward(p, Var.constant(flat.reshape(3, 1, 28, 28))).value();
        assertArrayEquals(new int[] {3, 10}, a.dims());
        assertArrayEquals(a.floats(), b.floats());
        assertThrows(ShapeException.class, () -> net.forward(p, Var.constant(Tensor.zeros(DType.FLOAT32, 3, 100))));
    }

    @Test
    void leNet5LearnsWhereTheBlobIs() {
        // Class 0: a bright 6×6 blob in the top-left quadrant; class 1: bottom-right; Gaussian noise everywhere.
        SplittableRandom rng = new SplittableRandom(7);
        LeNet5 net = new LeNet5(2);
        Params p = Params.init(net, DType.FLOAT32, 8);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 30; step++) {
            int batch = 32;
            Tensor x = Tensor.randn(DType.FLOAT32, rng, batch, 1, 28, 28);
            Tensor y = Tensor.zeros(DType.FLOAT32, batch, 2);
            for (int i = 0; i < batch; i++) {
                int label = rng.nextInt(2);
                y.set(1, i, label);
                int off = label == 0 ? 3 : 17;
                for (int r = off; r < off + 6; r++) {
                    for (int c = off; c < off + 6; c++) {
                        x.set(x.get(i, 0, r, c) + 2, i, 0, r, c);
                    }
                }
            }
            Var logp = Activations.logSoftmax(net.forward(p, Var.constant(x)), 1);
            Var loss = Ops.mean(Ops.neg(Ops.sum(Ops.mul(logp, Var.constant(y)), 1, false)));
            List<Tensor> g = Grad.gradTensors(loss, p.vars());
            for (int i = 0; i < g.size(); i++) {
                p.vars().get(i).value().axpyInPlace(-0.1, g.get(i));
            }
            first = step == 0 ? loss.item() : first;
            last = loss.item();
        }
        assertTrue(last < 0.3 * first, "cross-entropy " + first + " → " + last);
    }
}
