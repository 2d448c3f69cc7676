package org.equitrain.autophagy.ple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.equitrain.autodiff.GradCheck;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.ple.PlePenalty.Kind;
import org.equitrain.autophagy.ple.PlePenalty.Reduction;
import org.equitrain.nn.Params;
import org.equitrain.tensor.Gaussian;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** PLE spec §3 penalties: exact values, the U-statistic identity, Monte-Carlo means (spec §9.2), gradients. */
class PlePenaltyTest {
    private static final double[] THETA_A = {1.0, -2.0, 0.5};
    private static final double[] THETA_B = {3.0};

    private static Params params(double[] a, double[] b) {
        Map<String, Var> m = new LinkedHashMap<>();
        m.put("a", Var.constant(Tensor.vector(a)));
        m.put("b", Var.constant(Tensor.vector(b)));
        return Params.of(m);
    }

    private static double[] flat(double[] a, double[] b) {
        double[] f = new double[a.length + b.length];
        System.arraycopy(a, 0, f, 0, a.length);
        System.arraycopy(b, 0, f, a.length, b.length);
        return f;
    }

    @Test
    void debiasedEqualsTheUStatisticAndPlainTheSquaredGap() {
        NormalizedGaussianSampler normal = Gaussian.sampler(new SplittableRandom(1));
        int m = 3;
        List<Params> synth = new ArrayList<>();
        List<double[]> flats = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            double[] a = {normal.sample(), normal.sample(), normal.sample()};
            double[] b = {normal.sample()};
            synth.add(params(a, b));
            flats.add(flat(a, b));
        }
        double[] theta = flat(THETA_A, THETA_B);
        double gap = 0;
        double ustat = 0;
        for (int i = 0; i < theta.length; i++) {
            double mean = 0;
            for (double[] f : flats) {
                mean += f[i] / m;
            }
            gap += (theta[i] - mean) * (theta[i] - mean);
            for (int k = 0; k < m; k++) {
                for (int l = 0; l < m; l++) {
                    if (k != l) {
                        ustat += (theta[i] - flats.get(k)[i]) * (theta[i] - flats.get(l)[i]) / (m * (m - 1.0));
                    }
                }
            }
        }
        Params t = params(THETA_A, THETA_B);
        assertEquals(gap, new PlePenalty(Kind.PLAIN, Reduction.SUM).value(t, synth).item(), 1e-12);
        assertEquals(ustat, new PlePenalty(Kind.DEBIASED, Reduction.SUM).value(t, synth).item(), 1e-12);
    }

    @Test
    void perTensorMeanAveragesWithinEachTensor() {
        Params t = params(THETA_A, THETA_B);
        List<Params> synth = List.of(params(new double[3], new double[1]));
        double expected = (1 + 4 + 0.25) / 3 + 9;
        assertEquals(expected, new PlePenalty(Kind.PLAIN, Reduction.PER_TENSOR_MEAN).value(t, synth).item(), 1e-12);
        assertEquals(1 + 4 + 0.25 + 9, new PlePenalty(Kind.PLAIN, Reduction.SUM).value(t, synth).item(), 1e-12);
    }

    @Test
    void debiasedNeedsTwoDraws() {
        Params t = params(THETA_A, THETA_B);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PlePenalty(Kind.DEBIASED, Reduction.SUM).value(t, List.of(t)));
        assertTrue(e.getMessage().contains("2 or more"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PleOptions.defaults().withPenalty(Kind.DEBIASED, 1));
    }

    /** θ̃ ~ N(m0, s² I): E[debiased] = ‖θ − m0‖², E[plain] = ‖θ − m0‖² + tr Cov(θ̃)/M. */
    @Test
    void monteCarloMeansMatchSpec() {
        double[] m0 = {0.5, -1.0, 0.0, 2.0};
        double s = 0.8;
        double[] theta = flat(THETA_A, THETA_B);
        double gap = 0;
        for (int i = 0; i < theta.length; i++) {
            gap += (theta[i] - m0[i]) * (theta[i] - m0[i]);
        }
        NormalizedGaussianSampler normal = Gaussian.sampler(new SplittableRandom(2));
        Params t = params(THETA_A, THETA_B);
        for (int m : new int[] {2, 3}) {
            int reps = 20_000;
            double[] sum = new double[2];
            double[] sumSq = new double[2];
            for (int r = 0; r < reps; r++) {
                List<Params> synth = new ArrayList<>();
                for (int k = 0; k < m; k++) {
                    double[] f = new double[4];
                    for (int i = 0; i < 4; i++) {
                        f[i] = m0[i] + s * normal.sample();
                    }
                    synth.add(params(new double[] {f[0], f[1], f[2]}, new double[] {f[3]}));
                }
                double[] v = {new PlePenalty(Kind.DEBIASED, Reduction.SUM).value(t, synth).item(),
                    new PlePenalty(Kind.PLAIN, Reduction.SUM).value(t, synth).item()};
                for (int j = 0; j < 2; j++) {
                    sum[j] += v[j];
                    sumSq[j] += v[j] * v[j];
                }
            }
            double[] expected = {gap, gap + 4 * s * s / m};
            for (int j = 0; j < 2; j++) {
                double mean = sum[j] / reps;
                double se = Math.sqrt((sumSq[j] / reps - mean * mean) / reps);
                assertEquals(expected[j], mean, 4 * se, (j == 0 ? "debiased" : "plain") + " M=" + m);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (Kind kind : Kind.values()) {
            for (Reduction red : Reduction.values()) {
                PlePenalty pen = new PlePenalty(kind, red);
                GradCheck.check(v -> pen.value(pair(v, 0), List.of(pair(v, 2), pair(v, 4), pair(v, 6))),
                        List.of(GradCheck.randn(1, 3), GradCheck.randn(2, 2, 2), GradCheck.randn(3, 3),
                                GradCheck.randn(4, 2, 2), GradCheck.randn(5, 3), GradCheck.randn(6, 2, 2),
                                GradCheck.randn(7, 3), GradCheck.randn(8, 2, 2)), 1e-6);
            }
        }
    }

    private static Params pair(List<Var> v, int i) {
        Map<String, Var> m = new LinkedHashMap<>();
        m.put("a", v.get(i));
        m.put("b", v.get(i + 1));
        return Params.of(m);
    }
}
