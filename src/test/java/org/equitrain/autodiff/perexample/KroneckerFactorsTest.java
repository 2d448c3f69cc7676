package org.equitrain.autodiff.perexample;

import static org.equitrain.autodiff.perexample.ExampleModels.BATCH;
import static org.equitrain.autodiff.perexample.ExampleModels.assertRelativeClose;
import static org.equitrain.autodiff.perexample.ExampleModels.loopJacobians;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.equitrain.autodiff.Conv;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Context;
import org.equitrain.nn.Init;
import org.equitrain.nn.Linear;
import org.equitrain.nn.Module;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;
import org.equitrain.sensitivity.Cholesky;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MPE spec §6.5: K-FAC equals the exact GGN for a single linear layer with squared loss (constant Λ = I), and so
 * does KFC for a convolution with one position; on a CNN the covariances are the quadratic forms of the solve.
 */
class KroneckerFactorsTest {
    private static final double PRIOR = 0.7;
    private static final int K = 3;
    private static final int IN = 5;

    static Stream<Arguments> singleLayers() {
        // A convolution whose kernel covers the whole image has one position (L = 1): KFC's factors are then exact.
        Module conv = new Module() {
            @Override
            public List<ParamSpec> paramSpecs() {
                return List.of(new ParamSpec("weight", new int[] {K, 2, 2, 2}, Init.uniformFanIn(8)));
            }

            @Override
            public Var forward(Params p, Var x, Context ctx) {
                return Ops.reshape(Conv.conv2d(x, p.get("weight"), null, 1, 0), x.dim(0), K);
            }
        };
        return Stream.of(Arguments.of("linear", new Linear(IN, K, false), ExampleModels.mlpInputs(11)),
                Arguments.of("conv2d, one position", conv,
                        Tensor.randn(DType.FLOAT64, new SplittableRandom(11), BATCH, 2, 2, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleLayers")
    void kfacCovariancesEqualExactGgnForOneLayerWithSquaredLoss(String label, Module model, Tensor x) {
        Params p = Params.init(model, DType.FLOAT64, 3);
        Var f = model.forward(p, Var.constant(x), Context.eval());
        KroneckerFactors kfac = new KroneckerFactors();
        kfac.add(GaussNewton.of(f, OutputHessian.gaussian(1.0), p.asMap()));
        KroneckerFactors.Inverse inverse = kfac.invert(PRIOR);

        double[] j = loopJacobians(model, p, x, K).get("weight").doubles(); // [B, K, P]
        int np = p.get("weight").value().size();
        Cholesky precision = Cholesky.factor(exactGgnPlusPrior(j, np), np);
        double[] expected = new double[BATCH * K * K];
        for (int b = 0; b < BATCH; b++) {
            double[] jb = java.util.Arrays.copyOfRange(j, b * K * np, (b + 1) * K * np);
            double[] v = precision.blockQuadraticForms(jb, K, K); // J_b G⁻¹ J_bᵀ
            System.arraycopy(v, 0, expected, b * K * K, K * K);
        }
        assertRelativeClose(Tensor.wrap(expected, BATCH, K, K),
                inverse.covariances(OutputJacobians.of(f, p.asMap())), 1e-10, "V_b");

        Tensor g = Tensor.randn(DType.FLOAT64, new SplittableRandom(5), p.get("weight").shape().dims());
        Tensor solved = Tensor.wrap(precision.solve(g.doubles()), g.dims());
        assertRelativeClose(solved, inverse.solve(Map.of("weight", g)).get("weight"), 1e-10, "G⁻¹ g");
    }

    @Test
    void kfacIsOnlyAnApproximationForHiddenLayers() {
        Module model = ExampleModels.mlp();
        Params p = Params.init(model, DType.FLOAT64, 4);
        Tensor x = ExampleModels.mlpInputs(12);
        Var f = model.forward(p, Var.constant(x), Context.eval());
        KroneckerFactors kfac = new KroneckerFactors();
        kfac.add(GaussNewton.of(f, OutputHessian.softmaxCrossEntropy(), p.asMap()));
        Tensor v = kfac.invert(PRIOR).covariances(OutputJacobians.of(f, p.asMap()));
        // Covariances are symmetric positive semi-definite and bounded by the prior-only covariance J_b J_bᵀ/δ.
        Tensor prior = OutputJacobians.of(f, p.asMap()).covariances(constant(p, 1 / PRIOR));
        for (int b = 0; b < BATCH; b++) {
            for (int r = 0; r < 4; r++) {
                double d = v.get(b, r, r);
                assertTrue(d > 0 && d <= prior.get(b, r, r) * (1 + 1e-9), "V[" + b + "," + r + "," + r + "] = " + d);
                for (int c = 0; c < 4; c++) {
                    assertTrue(Math.abs(v.get(b, r, c) - v.get(b, c, r)) < 1e-12);
                }
            }
        }
    }

    @Test
    void convolutionCovariancesAreTheQuadraticFormsOfTheSolve() {
        // V_b[k, k'] = J_b[k] · P⁻¹ J_b[k'] with the K-FAC (KFC) precision of a CNN: conv layers with several
        // positions, with and without bias, and a dense head; P⁻¹ from solve, J_b from per-example passes.
        Module model = ExampleModels.cnn();
        int k = 3;
        Params p = Params.init(model, DType.FLOAT64, 4);
        Tensor x = ExampleModels.cnnInputs(1);
        Var f = model.forward(p, Var.constant(x), Context.eval());
        KroneckerFactors kfac = new KroneckerFactors();
        kfac.add(GaussNewton.of(f, OutputHessian.softmaxCrossEntropy(), p.asMap()));
        KroneckerFactors.Inverse inverse = kfac.invert(PRIOR);
        Map<String, Tensor> j = loopJacobians(model, p, x, k);
        Tensor expected = Tensor.zeros(DType.FLOAT64, BATCH, k, k);
        for (int b = 0; b < BATCH; b++) {
            for (int c = 0; c < k; c++) {
                Map<String, Tensor> solved = inverse.solve(row(j, p, b, c, k));
                for (int r = 0; r < k; r++) {
                    Map<String, Tensor> jr = row(j, p, b, r, k);
                    double s = 0;
                    for (String name : p.names()) {
                        for (int i = 0; i < jr.get(name).size(); i++) {
                            s += jr.get(name).getFlat(i) * solved.get(name).getFlat(i);
                        }
                    }
                    expected.set(s, b, r, c);
                }
            }
        }
        assertRelativeClose(expected, inverse.covariances(OutputJacobians.of(f, p.asMap())), 1e-10, "V_b");
    }

    /** Row r of J_b by parameter name, in the parameters' shapes. */
    private static Map<String, Tensor> row(Map<String, Tensor> j, Params p, int b, int r, int k) {
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        for (String name : p.names()) {
            int n = p.get(name).value().size();
            double[] v = java.util.Arrays.copyOfRange(j.get(name).doubles(), (b * k + r) * n, (b * k + r + 1) * n);
            out.put(name, Tensor.wrap(v, p.get(name).shape().dims()));
        }
        return out;
    }

    private static double[] exactGgnPlusPrior(double[] j, int np) {
        double[] g = new double[np * np];
        for (int b = 0; b < BATCH; b++) {
            for (int r = 0; r < K; r++) {
                int row = (b * K + r) * np;
                for (int a = 0; a < np; a++) {
                    for (int c = 0; c < np; c++) {
                        g[a * np + c] += j[row + a] * j[row + c];
                    }
                }
            }
        }
        for (int a = 0; a < np; a++) {
            g[a * np + a] += PRIOR;
        }
        return g;
    }

    private static Map<String, Tensor> constant(Params p, double value) {
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        for (String name : p.names()) {
            out.put(name, Tensor.full(DType.FLOAT64, value, p.get(name).shape()));
        }
        return out;
    }
}
