package org.equitrain.autophagy.ple;

import java.util.List;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Tensor;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1) updating parameter leaves in place. Interim: the nn-train branch adds
 * {@code nn.optim.Adam}; at merge, {@link PleTrainer} should use it and this class be deleted.
 */
final class InterimAdam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final List<Var> params;
    private final double[][] m;
    private final double[][] v;
    private int t;

    InterimAdam(List<Var> params) {
        this.params = params;
        this.m = new double[params.size()][];
        this.v = new double[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            m[i] = new double[params.get(i).value().size()];
            v[i] = new double[m[i].length];
        }
    }

    /** One step with learning rate {@code lr}: θ ← θ − lr · m̂ / (√v̂ + ε). */
    void step(List<Tensor> grads, double lr) {
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (int p = 0; p < params.size(); p++) {
            Tensor w = params.get(p).value();
            Tensor g = grads.get(p);
            double[] mp = m[p];
            double[] vp = v[p];
            for (int i = 0; i < mp.length; i++) {
                double gi = g.getFlat(i);
                mp[i] = BETA1 * mp[i] + (1 - BETA1) * gi;
                vp[i] = BETA2 * vp[i] + (1 - BETA2) * gi * gi;
                w.setFlat(i, w.getFlat(i) - lr * (mp[i] / c1) / (Math.sqrt(vp[i] / c2) + EPS));
            }
        }
    }
}
