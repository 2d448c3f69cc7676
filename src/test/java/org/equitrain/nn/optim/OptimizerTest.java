package org.equitrain.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.GradCheck;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Optimizer updates against the PyTorch update formulas written out element by element. */
class OptimizerTest {
    private static final int STEPS = 4;

    /** Two parameters, "w" [2, 3] and "b" [3]. */
    private static Params params() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("w", GradCheck.randn(1, 2, 3));
        m.put("b", GradCheck.randn(2, 3));
        return Params.fromTensors(m);
    }

    /** The gradients of step t (1-based): fixed pseudo-random tensors. */
    private static List<Tensor> grads(long t) {
        return List.of(GradCheck.randn(100 + t, 2, 3), GradCheck.randn(200 + t, 3));
    }

    private static double[] flat(Params p) {
        double[] w = p.vars().get(0).value().toDoubleArray();
        double[] b = p.vars().get(1).value().toDoubleArray();
        double[] out = new double[9];
        System.arraycopy(w, 0, out, 0, 6);
        System.arraycopy(b, 0, out, 6, 3);
        return out;
    }

    private static double[] flatGrad(long t) {
        List<Tensor> g = grads(t);
        double[] out = new double[9];
        System.arraycopy(g.get(0).toDoubleArray(), 0, out, 0, 6);
        System.arraycopy(g.get(1).toDoubleArray(), 0, out, 6, 3);
        return out;
    }

    private static double[] run(Optimizer opt, Params p, int steps) {
        for (int t = 1; t <= steps; t++) {
            opt.step(p, grads(t));
        }
        return flat(p);
    }

    /** torch.optim.SGD, written from its documented algorithm. */
    private static double[] referenceSgd(double lr, double mu, double tau, boolean nesterov, double wd) {
        double[] theta = flat(params());
        double[] b = new double[9];
        for (int t = 1; t <= STEPS; t++) {
            double[] g = flatGrad(t);
            for (int i = 0; i < 9; i++) {
                double gt = g[i] + wd * theta[i];
                if (mu != 0) {
                    b[i] = t > 1 ? mu * b[i] + (1 - tau) * gt : gt;
                    gt = nesterov ? gt + mu * b[i] : b[i];
                }
                theta[i] = theta[i] - lr * gt;
            }
        }
        return theta;
    }

    /** torch.optim.Adam / AdamW, written from their documented algorithms. */
    private static double[] referenceAdam(double lr, double b1, double b2, double eps, double wd, boolean decoupled) {
        double[] theta = flat(params());
        double[] m = new double[9];
        double[] v = new double[9];
        for (int t = 1; t <= STEPS; t++) {
            double[] g = flatGrad(t);
            for (int i = 0; i < 9; i++) {
                double gt = g[i];
                if (decoupled) {
                    theta[i] = theta[i] - lr * wd * theta[i];
                } else {
                    gt = gt + wd * theta[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * gt;
                v[i] = b2 * v[i] + (1 - b2) * gt * gt;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                theta[i] = theta[i] - lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        return theta;
    }

    @Test
    void sgdVariantsMatchPyTorchFormulas() {
        assertArrayEquals(referenceSgd(0.1, 0, 0, false, 0), run(new Sgd(0.1), params(), STEPS), 1e-14);
        assertArrayEquals(referenceSgd(0.1, 0.9, 0, false, 5e-4),
                run(new Sgd(Sgd.Config.of(0.1).withMomentum(0.9).withWeightDecay(5e-4)), params(), STEPS), 1e-14);
        assertArrayEquals(referenceSgd(0.05, 0.9, 0, true, 5e-4), run(new Sgd(Sgd.Config.of(0.05).withMomentum(0.9)
                .withNesterov(true).withWeightDecay(5e-4)), params(), STEPS), 1e-14);
        assertArrayEquals(referenceSgd(0.1, 0.8, 0.3, false, 0),
                run(new Sgd(Sgd.Config.of(0.1).withMomentum(0.8).withDampening(0.3)), params(), STEPS), 1e-14);
    }

    @Test
    void adamAndAdamWMatchPyTorchFormulas() {
        assertArrayEquals(referenceAdam(1e-2, 0.9, 0.999, 1e-8, 0, false), run(Adam.adam(1e-2), params(), STEPS),
                1e-13);
        assertArrayEquals(referenceAdam(1e-2, 0.8, 0.99, 1e-6, 0.1, false),
                run(new Adam(Adam.Config.adam(1e-2).withBetas(0.8, 0.99).withEps(1e-6).withWeightDecay(0.1)),
                        params(), STEPS), 1e-13);
        assertArrayEquals(referenceAdam(1e-2, 0.9, 0.999, 1e-8, 0.1, true), run(Adam.adamW(1e-2, 0.1), params(),
                STEPS), 1e-13);
    }

    @Test
    void firstAdamStepMovesEachCoordinateByTheLearningRate() {
        // Bias correction makes m̂/√v̂ = g/|g| on step 1, so every coordinate moves by lr (up to ε).
        Params p = params();
        double[] before = flat(p);
        Adam.adam(0.01).step(p, grads(1));
        double[] after = flat(p);
        double[] g = flatGrad(1);
        for (int i = 0; i < 9; i++) {
            assertEquals(-0.01 * Math.signum(g[i]), after[i] - before[i], 1e-8);
        }
    }

    @Test
    void adamWDecaysParametersIndependentlyOfTheGradient() {
        Params p = params();
        double[] before = flat(p);
        Adam opt = Adam.adamW(0.1, 0.5);
        List<Tensor> zero = List.of(Tensor.zeros(DType.FLOAT64, 2, 3), Tensor.zeros(DType.FLOAT64, 3));
        for (int t = 0; t < 3; t++) {
            opt.step(p, zero);
        }
        double[] after = flat(p);
        for (int i = 0; i < 9; i++) {
            assertEquals(before[i] * Math.pow(1 - 0.1 * 0.5, 3), after[i], 1e-15);
        }
    }

    @Test
    void float32ParametersAreUpdatedInPlaceAndStayFloat32() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("w", GradCheck.randn(1, 2, 3).to(DType.FLOAT32));
        m.put("b", GradCheck.randn(2, 3).to(DType.FLOAT32));
        Params p = Params.fromTensors(m);
        Tensor storage = p.vars().get(0).value();
        double[] reference = referenceSgd(0.1, 0.9, 0, false, 0);
        run(new Sgd(Sgd.Config.of(0.1).withMomentum(0.9)), p, STEPS);
        assertEquals(DType.FLOAT32, storage.dtype());
        for (int i = 0; i < 6; i++) {
            assertEquals(reference[i], storage.getFlat(i), 1e-5);
        }
    }

    /** Long enough for the JIT's vectorised main loops and their scalar tails. */
    private static final int LONG = 10_003;

    @Test
    void float32ParametersAreUpdatedInFloat32ArithmeticAsPyTorchDoes() {
        float[] sgd = referenceSgd32(0.1f, 0.5f, (float) (1 - 0.3), 0.01f, false);
        assertArrayEquals(sgd, runFloat32(new Sgd(Sgd.Config.of(0.1).withMomentum(0.5).withDampening(0.3)
                .withWeightDecay(0.01))), 0f, "SGD with dampening and weight decay");
        float[] nesterov = referenceSgd32(0.1f, 0.9f, 1f, 5e-4f, true);
        assertArrayEquals(nesterov, runFloat32(new Sgd(Sgd.Config.of(0.1).withMomentum(0.9).withNesterov(true)
                .withWeightDecay(5e-4))), 0f, "Nesterov SGD");
        assertArrayEquals(referenceAdam32(0.01, 0.9, 0.999, 1e-8f, 0.1, false),
                runFloat32(new Adam(Adam.Config.adam(0.01).withWeightDecay(0.1))), 0f, "Adam");
        assertArrayEquals(referenceAdam32(0.01, 0.9, 0.999, 1e-8f, 0.1, true), runFloat32(Adam.adamW(0.01, 0.1)),
                0f, "AdamW");
    }

    @Test
    void aGradientOfAnotherDtypeIsConvertedToTheParameters() {
        Params p32 = Params.fromTensors(Map.of("w", GradCheck.randn(7, LONG).to(DType.FLOAT32)));
        Params same = Params.fromTensors(Map.of("w", GradCheck.randn(7, LONG).to(DType.FLOAT32)));
        Tensor g = GradCheck.randn(301, LONG);
        Sgd.Config config = Sgd.Config.of(0.1).withMomentum(0.9);
        new Sgd(config).step(p32, List.of(g));
        new Sgd(config).step(same, List.of(g.to(DType.FLOAT32)));
        assertEquals(DType.FLOAT32, p32.vars().get(0).value().dtype());
        assertArrayEquals(same.vars().get(0).value().toDoubleArray(), p32.vars().get(0).value().toDoubleArray(), 0.0);
    }

    /** Three steps of {@code opt} on a float32 parameter of {@link #LONG} elements; its state must be float32. */
    private static float[] runFloat32(Optimizer opt) {
        Params p = Params.fromTensors(Map.of("w", GradCheck.randn(7, LONG).to(DType.FLOAT32)));
        for (int t = 1; t <= 3; t++) {
            opt.step(p, List.of(grad32(t)));
        }
        assertEquals(DType.FLOAT32, opt.state().slots().values().iterator().next().dtype(),
                "a float32 parameter's state is float32");
        return p.vars().get(0).value().floats().clone();
    }

    private static Tensor grad32(int t) {
        return GradCheck.randn(300 + t, LONG).to(DType.FLOAT32);
    }

    /** torch.optim.SGD in float32, element by element; {@code keep} = 1 − dampening. */
    private static float[] referenceSgd32(float lr, float mu, float keep, float wd, boolean nesterov) {
        float[] theta = GradCheck.randn(7, LONG).to(DType.FLOAT32).floats().clone();
        float[] b = new float[LONG];
        for (int t = 1; t <= 3; t++) {
            float[] g = grad32(t).floats();
            for (int i = 0; i < LONG; i++) {
                float d = g[i] + wd * theta[i];
                b[i] = t > 1 ? mu * b[i] + keep * d : d;
                d = nesterov ? d + mu * b[i] : b[i];
                theta[i] = theta[i] - lr * d;
            }
        }
        return theta;
    }

    /** torch.optim.Adam / AdamW in float32, element by element, with scalars rounded to float32 as PyTorch does. */
    private static float[] referenceAdam32(double lr, double b1, double b2, float eps, double wd, boolean decoupled) {
        float[] theta = GradCheck.randn(7, LONG).to(DType.FLOAT32).floats().clone();
        float[] m = new float[LONG];
        float[] v = new float[LONG];
        for (int t = 1; t <= 3; t++) {
            float[] g = grad32(t).floats();
            float stepSize = (float) (lr / (1 - Math.pow(b1, t)));
            float correction2Sqrt = (float) Math.sqrt(1 - Math.pow(b2, t));
            for (int i = 0; i < LONG; i++) {
                float gt = decoupled ? g[i] : g[i] + (float) wd * theta[i];
                float shrunk = decoupled ? theta[i] * (float) (1 - lr * wd) : theta[i];
                m[i] = (float) b1 * m[i] + (float) (1 - b1) * gt;
                v[i] = (float) b2 * v[i] + (float) (1 - b2) * gt * gt;
                theta[i] = shrunk - stepSize * m[i] / ((float) Math.sqrt(v[i]) / correction2Sqrt + eps);
            }
        }
        return theta;
    }

    @Test
    void exportedStateResumesBitIdentically() {
        for (int kind = 0; kind < 3; kind++) {
            Params unbroken = params();
            double[] expected = run(optimizer(kind), unbroken, 5);

            Params resumed = params();
            Optimizer first = optimizer(kind);
            for (int t = 1; t <= 3; t++) {
                first.step(resumed, grads(t));
            }
            OptimizerState state = first.state();
            Optimizer second = optimizer(kind);
            second.loadState(state);
            for (int t = 4; t <= 5; t++) {
                second.step(resumed, grads(t));
            }
            assertArrayEquals(expected, flat(resumed), 0.0);
            assertEquals(5, second.steps());
        }
    }

    private static Optimizer optimizer(int kind) {
        return switch (kind) {
            case 0 -> new Sgd(Sgd.Config.of(0.1).withMomentum(0.9).withNesterov(true));
            case 1 -> Adam.adam(0.01);
            default -> Adam.adamW(0.01, 0.1);
        };
    }

    @Test
    void stateNamesSlotsByParameter() {
        Adam opt = Adam.adam(0.01);
        opt.step(params(), grads(1));
        OptimizerState s = opt.state();
        assertEquals("adam", s.kind());
        assertEquals(1, s.steps());
        assertEquals(List.of("exp_avg/w", "exp_avg_sq/w", "exp_avg/b", "exp_avg_sq/b"), List.copyOf(s.slots().keySet()));
        Exception e = assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1).loadState(s));
        assertEquals("cannot load adam optimizer state into sgd", e.getMessage());
    }

    @Test
    void mismatchedGradientsNameTheParameter() {
        Exception e = assertThrows(RuntimeException.class, () -> new Sgd(0.1).step(params(),
                List.of(Tensor.zeros(DType.FLOAT64, 2, 3), Tensor.zeros(DType.FLOAT64, 4))));
        assertEquals("sgd: gradient of shape [4] for parameter 'b' of shape [3]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1).step(params(), grads(1).subList(0, 1)));
        assertThrows(IllegalArgumentException.class, () -> Sgd.Config.of(0.1).withNesterov(true));
    }

    @Test
    void sgdConfigRejectsNaNAsAdamConfigDoes() {
        assertThrows(IllegalArgumentException.class, () -> Sgd.Config.of(0.1).withMomentum(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Sgd.Config.of(0.1).withWeightDecay(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Sgd.Config.of(0.1).withMomentum(0.9)
                .withDampening(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Sgd.Config.of(0.1).withDampening(1.5));
    }

    @Test
    void configsRefuseInfiniteHyperParametersAsTheyRefuseNaN() {
        double inf = Double.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> Sgd.Config.of(0.1).withMomentum(inf));
        assertThrows(IllegalArgumentException.class, () -> Sgd.Config.of(0.1).withWeightDecay(inf));
        assertThrows(IllegalArgumentException.class, () -> Adam.Config.adam(0.1).withEps(inf));
        assertEquals("adam: betas must be in [0, 1), eps and weight decay finite and ≥ 0; got 0.9, 0.999, 1.0E-8,"
                + " Infinity", assertThrows(IllegalArgumentException.class,
                        () -> Adam.Config.adam(0.1).withWeightDecay(inf)).getMessage());
    }

    @Test
    void stateOfParametersOfAnotherShapeIsRefusedAtTheStepNamingTheSlot() {
        Map<String, Tensor> narrow = new LinkedHashMap<>();
        narrow.put("w", Tensor.zeros(DType.FLOAT64, 2));
        Map<String, Tensor> wide = new LinkedHashMap<>();
        wide.put("w", Tensor.zeros(DType.FLOAT64, 5));
        for (int kind = 0; kind < 3; kind++) {
            for (List<Map<String, Tensor>> pair : List.of(List.of(narrow, wide), List.of(wide, narrow))) {
                Optimizer source = optimizer(kind);
                Params from = Params.fromTensors(pair.get(0));
                source.step(from, List.of(Tensor.full(DType.FLOAT64, 1, from.get("w").shape())));
                Optimizer target = optimizer(kind);
                target.loadState(source.state());
                Params to = Params.fromTensors(pair.get(1));
                double[] before = to.get("w").value().toDoubleArray();
                Exception e = assertThrows(IllegalArgumentException.class,
                        () -> target.step(to, List.of(Tensor.full(DType.FLOAT64, 1, to.get("w").shape()))));
                String slot = kind == 0 ? "momentum_buffer/w" : "exp_avg/w";
                assertEquals(source.state().kind() + ": state slot '" + slot + "' has shape " + from.get("w").shape()
                        + " but parameter 'w' has shape " + to.get("w").shape()
                        + " (was the state saved for another model?)", e.getMessage());
                assertArrayEquals(before, to.get("w").value().toDoubleArray(), 0.0);
                assertEquals(1, target.steps());
            }
        }
    }
}
