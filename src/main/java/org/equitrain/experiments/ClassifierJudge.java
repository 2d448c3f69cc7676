package org.equitrain.experiments;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.ple.VaeLoop;
import org.equitrain.data.ArgmaxPredictions;
import org.equitrain.data.Dataset;
import org.equitrain.nn.Context;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.optim.Adam;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Permutations;
import org.equitrain.tensor.Tensor;

/**
 * A fixed equitrain classifier that judges generated images (PLE spec §7: "a Fréchet distance on features of a fixed
 * equitrain classifier"): an MLP 784-128-10 trained once with Adam; its features are the hidden layer
 * relu(W₀x + b₀) [n, 128], its classes the arg-max logits. Parameters are held in float64, so inputs are float64.
 */
public final class ClassifierJudge implements VaeLoop.Judge {
    private final Module model;
    private final Params params;
    private final double testAccuracy;

    private ClassifierJudge(Module model, Params params, double testAccuracy) {
        this.model = model;
        this.params = params;
        this.testAccuracy = testAccuracy;
    }

    /** Trains the MLP on the first {@code rows} rows of {@code train} for {@code epochs} (batch 128, Adam 1e-3). */
    public static ClassifierJudge train(Dataset train, Dataset test, int rows, int epochs, long seed) {
        Module mlp = Mlp.of(train.features().dim(1), 128, 10);
        Dataset subset = train.select(Permutations.identity(Math.min(rows, train.size())));
        ClassifierRun.History h = ClassifierRun.train("classifier", mlp, subset, test, () -> Adam.adam(1e-3), null,
                epochs, 128, seed);
        List<Var> vs = new ArrayList<>();
        for (Tensor t : h.params().tensors()) {
            vs.add(Var.constant(t.to(DType.FLOAT64)));
        }
        return new ClassifierJudge(mlp, h.params().withValues(vs), h.finalAccuracy());
    }

    /** Accuracy on the test set after the last epoch. */
    public double testAccuracy() {
        return testAccuracy;
    }

    @Override
    public Tensor features(Tensor images) {
        try (GradMode off = GradMode.off()) {
            return Activations.relu(Ops.linear(Var.constant(images.to(DType.FLOAT64)), params.get("0.weight"),
                    params.get("0.bias"))).value();
        }
    }

    @Override
    public int[] classes(Tensor images) {
        return ArgmaxPredictions.of(model, params, images.to(DType.FLOAT64), Context.eval());
    }
}
