package org.equitrain.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Context;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Params;
import org.equitrain.nn.Sequential;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.optim.Adam;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.equitrain.tensor.Workspace;
import org.junit.jupiter.api.Test;

/** Recycling op outputs through a workspace changes no bit of a training run. */
class WorkspaceTrainingTest {
    private final Sequential model = Mlp.of(6, 12, 3);
    private final Tensor x = Tensor.randn(DType.FLOAT32, new SplittableRandom(4), 16, 6);
    private final int[] y = new SplittableRandom(5).ints(16, 0, 3).toArray();

    @Test
    void stepsInsideAWorkspaceEqualStepsWithFreshArrays() {
        Params fresh = train(null);
        Params recycled = train(new Workspace());
        for (String name : fresh.names()) {
            assertArrayEquals(fresh.asMap().get(name).value().floats(), recycled.asMap().get(name).value().floats(),
                    name);
        }
    }

    private Params train(Workspace ws) {
        Params p = Params.init(model, DType.FLOAT32, 1);
        Adam adam = Adam.adam(0.01);
        for (int step = 0; step < 20; step++) {
            try (Workspace.Scope s = ws == null ? null : ws.enter()) {
                Var loss = CrossEntropy.of(model.forward(p, Var.constant(x), Context.eval()), y).mean();
                List<Tensor> grads = Grad.gradTensors(loss, p.vars());
                adam.step(p, grads);
            }
        }
        return p;
    }
}
