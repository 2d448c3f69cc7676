package org.equitrain.sensitivity.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Gaussian;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** MPE spec §6.6: IVON's reparameterisation Hessian estimate is unbiased on a quadratic; σ² = 1/(N h + δ). */
class IvonTest {
    private static final double[] A = {0.5, 2.0, 7.0};

    @Test
    void hessianEstimateIsUnbiasedOnAQuadratic() {
        // ℓ(θ) = ½ Σ a_j θ_j², ĝ = A(m + ε), ĥ = ĝ ε / σ²: E[ĥ] = a_j (the A m ε term has mean 0).
        double[] m = {0.3, -1.2, 0.8};
        double[] h = {1.0, 0.2, 3.0};
        double wd = 0.01;
        int n = 50;
        NormalizedGaussianSampler normal = Gaussian.sampler(new SplittableRandom(7));
        int draws = 200_000;
        double[] mean = new double[3];
        for (int s = 0; s < draws; s++) {
            double[] eps = new double[3];
            double[] g = new double[3];
            for (int j = 0; j < 3; j++) {
                eps[j] = normal.sample() / Math.sqrt(n * (h[j] + wd));
                g[j] = A[j] * (m[j] + eps[j]);
            }
            double[] est = Ivon.reparameterisedHessian(g, eps, h, wd, n);
            for (int j = 0; j < 3; j++) {
                mean[j] += est[j] / draws;
            }
        }
        for (int j = 0; j < 3; j++) {
            // Monte Carlo standard error of ĥ is about (|a m| √(N(h+wd)) + a √2)/√draws: well under 5 % here.
            assertEquals(A[j], mean[j], 0.05 * A[j] + 0.05, "E[ĥ_" + j + "]");
        }
    }

    @Test
    void variancesAreOneOverNhPlusPrior() {
        Params p = Params.of(Map.of("w", Var.param(Tensor.zeros(DType.FLOAT64, 3))));
        double prior = 4.0;
        int n = 200;
        Ivon ivon = new Ivon(Ivon.Config.of(0.1, 0.25, prior, n), p);
        Tensor s = ivon.variances(p).get("w");
        for (int j = 0; j < 3; j++) {
            assertEquals(1 / (n * 0.25 + prior), s.getFlat(j), 1e-15);
        }
    }

    @Test
    void trainingOnAQuadraticLearnsItsCurvatureAndMinimiser() {
        Params p = Params.of(Map.of("w", Var.param(Tensor.of(new double[] {1.0, -1.0, 0.5}, 3))));
        int n = 100;
        double prior = 1e-3;
        Ivon ivon = new Ivon(new Ivon.Config(0.2, 0.9, 0.999, 1.0, prior, n), p);
        SplittableRandom rng = new SplittableRandom(3);
        for (int t = 0; t < 20_000; t++) {
            ivon.step(p, rng, () -> {
                double[] w = p.get("w").value().doubles();
                double[] g = new double[3];
                for (int j = 0; j < 3; j++) {
                    g[j] = A[j] * w[j];
                }
                return List.of(Tensor.of(g, 3));
            });
        }
        double[] h = ivon.hessians().get("w");
        double[] m = p.get("w").value().doubles();
        for (int j = 0; j < 3; j++) {
            assertEquals(A[j], h[j], 0.15 * A[j], "h_" + j);
            assertTrue(Math.abs(m[j]) < 0.05, "mean " + m[j]);
            assertEquals(1 / (n * h[j] + prior), ivon.variances(p).get("w").getFlat(j), 1e-12);
        }
    }
}
