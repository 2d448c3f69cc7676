package org.equitrain.fairness;

import org.equitrain.autodiff.Var;
import org.equitrain.autodiff.perexample.LayerSignals;
import org.equitrain.data.Rows;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.tensor.DType;

/** One batch of an MLP 4-6-2 at its initial parameters, as the training loop hands it to a rule. */
final class TrainerFixture {
    final Module model = Mlp.of(4, 6, 2);
    final Params params = Params.init(model, DType.FLOAT64, 7);
    final GroupedData train = SyntheticGroups.of(60, 4, 11);
    final GroupedData heldOut = SyntheticGroups.of(30, 4, 12);

    ReweightingTrainer.BatchStep batch(int[] rows, double lr) {
        Var loss = CrossEntropy.of(model.forward(params, Var.constant(Rows.select(train.x(), rows))),
                Rows.pick(train.y(), rows)).sum();
        return new ReweightingTrainer.BatchStep(rows, LayerSignals.of(loss, params.asMap()), model, params, lr);
    }

    static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
