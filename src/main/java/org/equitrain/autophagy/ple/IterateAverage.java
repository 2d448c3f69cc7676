package org.equitrain.autophagy.ple;

import java.util.List;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Tensor;

/** The running mean of parameter iterates (Polyak–Ruppert averaging), kept in float64. */
final class IterateAverage {
    private final List<Var> params;
    private final double[][] sum;
    private int count;

    IterateAverage(List<Var> params) {
        this.params = params;
        this.sum = new double[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            sum[i] = new double[params.get(i).value().size()];
        }
    }

    /** Adds the current values. */
    void add() {
        for (int p = 0; p < params.size(); p++) {
            Tensor w = params.get(p).value();
            for (int i = 0; i < sum[p].length; i++) {
                sum[p][i] += w.getFlat(i);
            }
        }
        count++;
    }

    /** Overwrites the parameters with the mean of the added iterates; nothing happens if none were added. */
    void assignTo(List<Var> target) {
        if (count == 0) {
            return;
        }
        for (int p = 0; p < target.size(); p++) {
            Tensor w = target.get(p).value();
            for (int i = 0; i < sum[p].length; i++) {
                w.setFlat(i, sum[p][i] / count);
            }
        }
    }
}
