package org.equitrain.autophagy.ple;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.GradCheck;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Downstream families of PLE spec §5: likelihoods against closed forms, sample moments, gradients. */
class DensityFamiliesTest {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private static Params params(String n1, Tensor v1, String n2, Tensor v2) {
        Map<String, Var> m = new LinkedHashMap<>();
        m.put(n1, Var.constant(v1));
        m.put(n2, Var.constant(v2));
        return Params.of(m);
    }

    private static double gaussianNll(double[] x, double[] mean, double[] var) {
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            s += 0.5 * (LOG_2PI + Math.log(var[j]) + (x[j] - mean[j]) * (x[j] - mean[j]) / var[j]);
        }
        return s;
    }

    /** Column means and variances of samples [n, d]. */
    private static double[][] moments(Tensor x) {
        int n = x.dim(0);
        int d = x.dim(1);
        double[][] mv = new double[2][d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                mv[0][j] += x.get(i, j) / n;
            }
            for (int i = 0; i < n; i++) {
                mv[1][j] += Math.pow(x.get(i, j) - mv[0][j], 2) / (n - 1);
            }
        }
        return mv;
    }

    @Test
    void gaussianNllSamplesAndGradients() {
        GaussianFamily g = new GaussianFamily(2);
        double[] mean = {0.5, -1};
        double[] var = {2, 0.25};
        Params theta = params("mean", Tensor.vector(mean), "variance", Tensor.vector(var));
        Tensor x = GradCheck.randn(1, 5, 2);
        Tensor nll = g.nll(theta, Var.constant(x)).value();
        for (int i = 0; i < 5; i++) {
            assertEquals(gaussianNll(new double[] {x.get(i, 0), x.get(i, 1)}, mean, var), nll.getFlat(i), 1e-12);
        }
        double[][] mv = moments(g.sample(theta, 40_000, new SplittableRandom(2)).value());
        for (int j = 0; j < 2; j++) {
            assertEquals(mean[j], mv[0][j], 4 * Math.sqrt(var[j] / 40_000));
            assertEquals(var[j], mv[1][j], 4 * var[j] * Math.sqrt(2.0 / 40_000));
        }
        GradCheck.check(v -> g.nll(params2(v), v.get(2)), Tensor.vector(mean), Tensor.vector(var), x);
        GradCheck.check(v -> g.sample(params2(v), 6, new SplittableRandom(3)), Tensor.vector(mean), Tensor.vector(var));
    }

    @Test
    void gaussianDefaultsToUnitVarianceThroughItsConstraint() {
        GaussianFamily g = new GaussianFamily(3);
        Params constrained = g.constraints().apply(Params.init(g, DType.FLOAT64, 0));
        assertEquals(1.0, constrained.get("variance").value().getFlat(2), 1e-5);
    }

    /** z = w x + b ~ N(0, 1) means x ~ N(−b/w, 1/w²), for either sign of w. */
    @Test
    void affineFlowIsTheGaussianItImplies() {
        AffineFlowFamily f = new AffineFlowFamily(2);
        double[] w = {2.0, -0.5};
        double[] b = {1.0, 0.3};
        double[] mean = {-b[0] / w[0], -b[1] / w[1]};
        double[] var = {1 / (w[0] * w[0]), 1 / (w[1] * w[1])};
        Params theta = params("weight", Tensor.vector(w), "bias", Tensor.vector(b));
        Tensor x = GradCheck.randn(4, 6, 2);
        Tensor nll = f.nll(theta, Var.constant(x)).value();
        for (int i = 0; i < 6; i++) {
            assertEquals(gaussianNll(new double[] {x.get(i, 0), x.get(i, 1)}, mean, var), nll.getFlat(i), 1e-12);
        }
        // the inverse flow maps the base noise to x: w ⊙ x + b gives back the same noise
        Tensor xs = f.sample(theta, 5, new SplittableRandom(7)).value();
        Tensor z = Tensor.randn(DType.FLOAT64, new SplittableRandom(7), 5, 2);
        for (int i = 0; i < 10; i++) {
            assertEquals(z.getFlat(i), w[i % 2] * xs.getFlat(i) + b[i % 2], 1e-12);
        }
        GradCheck.check(v -> f.nll(params2(v, "weight", "bias"), v.get(2)), Tensor.vector(w), Tensor.vector(b), x);
        GradCheck.check(v -> f.sample(params2(v, "weight", "bias"), 4, new SplittableRandom(8)), Tensor.vector(w),
                Tensor.vector(b));
    }

    @Test
    void fullCovarianceGaussianMatchesTheDenseFormula() {
        FullCovGaussianFamily f = new FullCovGaussianFamily(3);
        Tensor raw = Tensor.of(new double[] {0.3, 0, 0, -0.7, 1.1, 0, 0.4, 0.2, -0.5}, 3, 3);
        double[] mean = {1, 0, -1};
        Params rawParams = params("mean", Tensor.vector(mean), "scale_tril", raw);
        Params theta = f.constraints().apply(rawParams);
        double[][] l = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                l[i][j] = theta.get("scale_tril").value().get(i, j);
            }
        }
        double[][] sigma = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    sigma[i][j] += l[i][k] * l[j][k];
                }
                assertEquals(sigma[i][j], f.penaltyCoordinates(theta).get("covariance").value().get(i, j), 1e-12);
            }
        }
        double[][] inv = invert3(sigma);
        double logDet = Math.log(det3(sigma));
        Tensor x = GradCheck.randn(9, 4, 3);
        Tensor nll = f.nll(theta, Var.constant(x)).value();
        for (int i = 0; i < 4; i++) {
            double q = 0;
            for (int a = 0; a < 3; a++) {
                for (int c = 0; c < 3; c++) {
                    q += (x.get(i, a) - mean[a]) * inv[a][c] * (x.get(i, c) - mean[c]);
                }
            }
            assertEquals(0.5 * (q + logDet + 3 * LOG_2PI), nll.getFlat(i), 1e-10);
        }
        Tensor xs = f.sample(theta, 60_000, new SplittableRandom(10)).value();
        double[] m = moments(xs)[0];
        for (int a = 0; a < 3; a++) {
            for (int c = 0; c < 3; c++) {
                double cov = 0;
                for (int i = 0; i < 60_000; i++) {
                    cov += (xs.get(i, a) - m[a]) * (xs.get(i, c) - m[c]) / 59_999;
                }
                assertEquals(sigma[a][c], cov, 0.05 * Math.sqrt(sigma[a][a] * sigma[c][c]));
            }
        }
        // gradients through the Cholesky constraint, the substitution and the sampler
        GradCheck.check(v -> f.nll(f.constraints().apply(params2(v, "mean", "scale_tril")), v.get(2)),
                Tensor.vector(mean), raw, x);
        GradCheck.check(v -> f.sample(f.constraints().apply(params2(v, "mean", "scale_tril")), 3,
                new SplittableRandom(11)), Tensor.vector(mean), raw);
    }

    private static Params params2(List<Var> v) {
        return params2(v, "mean", "variance");
    }

    private static Params params2(List<Var> v, String n1, String n2) {
        Map<String, Var> m = new LinkedHashMap<>();
        m.put(n1, v.get(0));
        m.put(n2, v.get(1));
        return Params.of(m);
    }

    private static double det3(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    /** Inverse by cofactors. */
    private static double[][] invert3(double[][] a) {
        double det = det3(a);
        double[][] inv = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int r0 = (j + 1) % 3;
                int r1 = (j + 2) % 3;
                int c0 = (i + 1) % 3;
                int c1 = (i + 2) % 3;
                inv[i][j] = (a[r0][c0] * a[r1][c1] - a[r0][c1] * a[r1][c0]) / det;
            }
        }
        return inv;
    }
}
