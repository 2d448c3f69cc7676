package org.equitrain.autodiff.perexample;

import static org.equitrain.autodiff.perexample.ExampleModels.BATCH;
import static org.equitrain.autodiff.perexample.ExampleModels.assertRelativeClose;
import static org.equitrain.autodiff.perexample.ExampleModels.loopJacobians;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Per-example output Jacobians from K seeded passes against K single-example passes per example. */
class OutputJacobiansTest {

    static Stream<Arguments> models() {
        return PerExampleGradientsTest.models();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void jacobiansProductsAndCovariancesMatchExplicitJacobians(String label, Module model, Tensor x, int k) {
        Params p = Params.init(model, DType.FLOAT64, 41);
        OutputJacobians jac = OutputJacobians.of(model.forward(p, Var.constant(x)), p.asMap());
        assertEquals(k, jac.outputs());
        Map<String, Tensor> expected = loopJacobians(model, p, x, k);
        assertRelativeClose(expected, jac.materialise(), 1e-10);

        Map<String, Tensor> v = PerExampleDotProductsTest.randomLike(p, 42);
        Map<String, Tensor> variances = new LinkedHashMap<>();
        SplittableRandom rng = new SplittableRandom(43);
        for (String name : p.names()) {
            variances.put(name, Tensor.uniform(DType.FLOAT64, rng, 0.1, 2, p.get(name).shape().dims()));
        }
        Tensor jv = Tensor.zeros(DType.FLOAT64, BATCH, k);
        Tensor cov = Tensor.zeros(DType.FLOAT64, BATCH, k, k);
        for (String name : p.names()) {
            Tensor j = expected.get(name);
            int n = j.size() / (BATCH * k);
            for (int b = 0; b < BATCH; b++) {
                for (int r = 0; r < k; r++) {
                    for (int i = 0; i < n; i++) {
                        double jri = j.getFlat((b * k + r) * n + i);
                        jv.set(jv.get(b, r) + jri * v.get(name).getFlat(i), b, r);
                        for (int c = 0; c < k; c++) {
                            // MPE spec §1: V_b = J_b diag(σ²) J_bᵀ.
                            double add = jri * variances.get(name).getFlat(i) * j.getFlat((b * k + c) * n + i);
                            cov.set(cov.get(b, r, c) + add, b, r, c);
                        }
                    }
                }
            }
        }
        assertRelativeClose(jv, jac.products(v), 1e-10, "J_b v");
        assertRelativeClose(cov, jac.covariances(variances), 1e-10, "V_b");

        // V_b e_b without forming V_b (dense layers) against the explicit V_b times e_b.
        Tensor e = Tensor.randn(DType.FLOAT64, new SplittableRandom(45), BATCH, k);
        Tensor ve = Tensor.zeros(DType.FLOAT64, BATCH, k);
        for (int b = 0; b < BATCH; b++) {
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    ve.set(ve.get(b, r) + cov.get(b, r, c) * e.get(b, c), b, r);
                }
            }
        }
        assertRelativeClose(ve, jac.covarianceProducts(variances, e), 1e-10, "V_b e_b");
        // Two passes by double backward for dense networks (the CNNs fall back to the K passes).
        assertRelativeClose(ve, CovarianceProducts.of(model.forward(p, Var.constant(x)), p.asMap(), variances, e),
                1e-10, "V_b e_b in two passes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void outputsMustBeBatchByK(String label, Module model, Tensor x, int k) {
        Params p = Params.init(model, DType.FLOAT64, 44);
        Var flat = Ops.reshape(model.forward(p, Var.constant(x)), -1);
        assertThrows(IllegalArgumentException.class, () -> OutputJacobians.of(flat, p.asMap()));
    }
}
