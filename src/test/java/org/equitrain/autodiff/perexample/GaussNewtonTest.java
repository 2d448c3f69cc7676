package org.equitrain.autodiff.perexample;

import static org.equitrain.autodiff.perexample.ExampleModels.BATCH;
import static org.equitrain.autodiff.perexample.ExampleModels.assertRelativeClose;
import static org.equitrain.autodiff.perexample.ExampleModels.loopJacobians;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Diagonal GGN from K seeded backward passes against the definition Σ_b J_bᵀ Λ_b J_b with J_b from single-example
 * passes and Λ_b from double backward of the per-example loss.
 */
class GaussNewtonTest {

    /** Per-example losses of one output row f [1, K] with the label y [1, K], and the matching output Hessian. */
    static Stream<Arguments> losses() {
        Function<Tensor, Function<Var, Var>> softmax = y -> f -> Ops.neg(Ops.sum(Ops.mul(
                Activations.logSoftmax(f, 1), Var.constant(y))));
        Function<Tensor, Function<Var, Var>> bernoulli = y -> f -> {
            Var p = Activations.sigmoid(f);
            Var yv = Var.constant(y);
            return Ops.neg(Ops.sum(Ops.add(Ops.mul(yv, Activations.log(p)),
                    Ops.mul(Ops.addScalar(Ops.neg(yv), 1), Activations.log(Ops.addScalar(Ops.neg(p), 1))))));
        };
        Function<Tensor, Function<Var, Var>> gaussian = y -> f -> {
            Var r = Ops.sub(f, Var.constant(y));
            return Ops.mulScalar(Ops.sum(Ops.mul(r, r)), 1 / (2 * 0.3));
        };
        return Stream.of(Arguments.of("softmax", OutputHessian.softmaxCrossEntropy(), softmax),
                Arguments.of("bernoulli", OutputHessian.bernoulli(), bernoulli),
                Arguments.of("gaussian", OutputHessian.gaussian(0.3), gaussian));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void factorReproducesTheLossHessian(String label, OutputHessian hessian,
            Function<Tensor, Function<Var, Var>> loss) {
        Tensor f = Tensor.randn(DType.FLOAT64, new SplittableRandom(31), BATCH, 4);
        Tensor y = ExampleModels.oneHot(32, 4);
        assertRelativeClose(lossHessians(f, y, loss), hessian.hessian(f), 1e-12, label);
    }

    static Stream<Arguments> modelsAndLosses() {
        return PerExampleGradientsTest.models().flatMap(m -> losses().map(l -> Arguments.of(
                m.get()[0] + " " + l.get()[0], m.get()[1], m.get()[2], m.get()[3], l.get()[1], l.get()[2])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelsAndLosses")
    void diagonalsMatchTheDefinition(String label, Module model, Tensor x, int k, OutputHessian hessian,
            Function<Tensor, Function<Var, Var>> loss) {
        Params p = Params.init(model, DType.FLOAT64, 33);
        Var f = model.forward(p, Var.constant(x));
        GaussNewton ggn = GaussNewton.of(f, hessian, p.asMap());

        Map<String, Tensor> jacobians = loopJacobians(model, p, x, k);
        Tensor lambda = lossHessians(f.value(), ExampleModels.oneHot(34, k), loss);
        Map<String, Tensor> perExample = new LinkedHashMap<>();
        Map<String, Tensor> summed = new LinkedHashMap<>();
        for (String name : p.names()) {
            Tensor j = jacobians.get(name);
            int n = j.size() / (BATCH * k);
            Tensor d = Tensor.zeros(DType.FLOAT64, perExampleDims(p, name));
            Tensor s = Tensor.zeros(DType.FLOAT64, p.get(name).shape());
            for (int b = 0; b < BATCH; b++) {
                for (int i = 0; i < n; i++) {
                    double v = 0; // diag(J_bᵀ Λ_b J_b)_i = Σ_{r,c} J_b[r, i] Λ_b[r, c] J_b[c, i]
                    for (int r = 0; r < k; r++) {
                        for (int c = 0; c < k; c++) {
                            v += j.getFlat((b * k + r) * n + i) * lambda.get(b, r, c) * j.getFlat((b * k + c) * n + i);
                        }
                    }
                    d.setFlat(b * n + i, v);
                    s.setFlat(i, s.getFlat(i) + v);
                }
            }
            perExample.put(name, d);
            summed.put(name, s);
        }
        assertRelativeClose(perExample, ggn.perExampleDiagonal(), 1e-10);
        assertRelativeClose(summed, ggn.diagonal(), 1e-10);
    }

    @Test
    void gaussianVarianceMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> OutputHessian.gaussian(0));
    }

    /** Λ_b = ∂²ℓ_b/∂f_b² by double backward, [B, K, K]. */
    static Tensor lossHessians(Tensor f, Tensor y, Function<Tensor, Function<Var, Var>> loss) {
        int k = f.dim(1);
        Tensor h = Tensor.zeros(DType.FLOAT64, BATCH, k, k);
        for (int b = 0; b < BATCH; b++) {
            Var fb = Var.param(ExampleModels.example(f, b));
            Var g = Grad.grad(loss.apply(ExampleModels.example(y, b)).apply(fb), List.of(fb), null, true).get(0);
            for (int r = 0; r < k; r++) {
                Tensor e = Tensor.zeros(DType.FLOAT64, 1, k);
                e.set(1, 0, r);
                Tensor row = Grad.gradTensors(Ops.sum(Ops.mul(g, Var.constant(e))), List.of(fb)).get(0);
                for (int c = 0; c < k; c++) {
                    h.set(row.getFlat(c), b, r, c);
                }
            }
        }
        return h;
    }

    private static int[] perExampleDims(Params p, String name) {
        int[] shape = p.get(name).shape().dims();
        int[] dims = new int[shape.length + 1];
        dims[0] = BATCH;
        System.arraycopy(shape, 0, dims, 1, shape.length);
        return dims;
    }
}
