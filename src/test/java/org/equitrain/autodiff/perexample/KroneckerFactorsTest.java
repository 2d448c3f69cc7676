package org.equitrain.autodiff.perexample;

import static org.equitrain.autodiff.perexample.ExampleModels.BATCH;
import static org.equitrain.autodiff.perexample.ExampleModels.assertRelativeClose;
import static org.equitrain.autodiff.perexample.ExampleModels.loopJacobians;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Context;
import org.equitrain.nn.Linear;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.sensitivity.Cholesky;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** MPE spec §6.5: K-FAC equals the exact GGN for a single linear layer with squared loss (constant Λ = I). */
class KroneckerFactorsTest {
    private static final double PRIOR = 0.7;
    private static final int K = 3;
    private static final int IN = 5;

    @Test
    void kfacCovariancesEqualExactGgnForOneLinearLayerWithSquaredLoss() {
        Module model = new Linear(IN, K, false);
        Params p = Params.init(model, DType.FLOAT64, 3);
        Tensor x = ExampleModels.mlpInputs(11);
        Var f = model.forward(p, Var.constant(x), Context.eval());
        KroneckerFactors kfac = new KroneckerFactors();
        kfac.add(GaussNewton.of(f, OutputHessian.gaussian(1.0), p.asMap()));
        KroneckerFactors.Inverse inverse = kfac.invert(PRIOR);

        double[] j = loopJacobians(model, p, x, K).get("weight").doubles(); // [B, K, P]
        int np = K * IN;
        Cholesky precision = Cholesky.factor(exactGgnPlusPrior(j, np), np);
        double[] expected = new double[BATCH * K * K];
        for (int b = 0; b < BATCH; b++) {
            double[] jb = java.util.Arrays.copyOfRange(j, b * K * np, (b + 1) * K * np);
            double[] v = precision.blockQuadraticForms(jb, K, K); // J_b G⁻¹ J_bᵀ
            System.arraycopy(v, 0, expected, b * K * K, K * K);
        }
        assertRelativeClose(Tensor.wrap(expected, BATCH, K, K),
                inverse.covariances(OutputJacobians.of(f, p.asMap())), 1e-10, "V_b");

        Tensor g = Tensor.randn(DType.FLOAT64, new SplittableRandom(5), K, IN);
        Tensor solved = Tensor.wrap(precision.solve(g.doubles()), K, IN);
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
    void convolutionLayersAreRejectedByName() {
        Module model = ExampleModels.cnn();
        Params p = Params.init(model, DType.FLOAT64, 4);
        Var f = model.forward(p, Var.constant(ExampleModels.cnnInputs(1)), Context.eval());
        KroneckerFactors kfac = new KroneckerFactors();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kfac.add(GaussNewton.of(f, OutputHessian.softmaxCrossEntropy(), p.asMap())));
        assertTrue(e.getMessage().contains("conv1.weight") && e.getMessage().contains("conv2d"), e.getMessage());
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
