package org.equitrain.autophagy.hypernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.autodiff.GradCheck;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** PLE spec §9.3: generated shapes and sizes, set invariances, and finite-difference gradients w.r.t. φ. */
class HypernetworkTest {
    private static final Module TARGET = Mlp.of(3, 4, 2); // 0.weight [4,3], 0.bias [4], 2.weight [2,4], 2.bias [2]
    private static final int P = 26;
    private static final List<HeadsConfig> HEADS = List.of(
            HeadsConfig.dense(), HeadsConfig.chunked(5, 3), HeadsConfig.lowRank(2));

    @Test
    void generatedParametersHaveTheTemplatesNamesShapesAndSize() {
        for (HeadsConfig heads : HEADS) {
            Hypernetwork h = new Hypernetwork(TARGET, HypernetConfig.of(3, 5, 6).withHeads(heads));
            Params phi = Params.init(h, DType.FLOAT64, 1);
            Params theta = h.generate(phi, Var.constant(data(7, 2)));
            List<ParamSpec> specs = TARGET.paramSpecs();
            assertEquals(h.template().names(), theta.names(), heads.toString());
            for (ParamSpec s : specs) {
                assertArrayEquals(s.shape(), theta.get(s.name()).shape().dims(), heads + " " + s);
            }
            assertEquals(P, theta.count());
            assertEquals(P, h.targetParameterCount());
            // the generated parameters run the target
            assertArrayEquals(new int[] {7, 2}, TARGET.forward(theta, Var.constant(data(7, 3))).shape().dims());
        }
    }

    @Test
    void headSizesFollowTheSpecFormulas() {
        int encoder = (3 * 5 + 5) + (5 * 6 + 6);
        int h = 6;
        assertEquals(encoder + (h + 1) * P, count(HeadsConfig.dense(), false));
        // chunked: (h + d_e + 1)·C + ⌈P/C⌉·d_e with C = 5, d_e = 3, ⌈26/5⌉ = 6
        assertEquals(encoder + (h + 3 + 1) * 5 + 6 * 3, count(HeadsConfig.chunked(5, 3), false));
        // low rank: a = Linear(h → r), U ∈ R^{P×r}, θ_0 ∈ R^P
        assertEquals(encoder + (h + 1) * 2 + P * (2 + 1), count(HeadsConfig.lowRank(2), false));
        assertEquals(encoder + 3 * (h * h + h) + (h + 1) * P, count(HeadsConfig.dense(), true));
    }

    @Test
    void chunkedHeadsAreSmallerThanLargeTargetsAndDenseHeadsLarger() {
        Module big = Mlp.of(100, 200, 100);
        Hypernetwork dense = new Hypernetwork(big, HypernetConfig.of(4, 16, 32));
        Hypernetwork chunked = new Hypernetwork(big, HypernetConfig.of(4, 16, 32).withHeads(HeadsConfig.chunked(256, 8)));
        assertEquals(40_300, dense.targetParameterCount());
        assertTrue(dense.sizeRatio() > 33, dense.sizeReport());
        assertTrue(chunked.sizeRatio() < 0.5, chunked.sizeReport());
    }

    @Test
    void permutingOrDuplicatingTheSetLeavesTheParametersUnchanged() {
        Tensor x = data(9, 4);
        Tensor permuted = permuteRows(x, new SplittableRandom(5));
        Tensor doubled = stackTwice(x);
        for (HeadsConfig heads : HEADS) {
            for (boolean outerNet : new boolean[] {false, true}) {
                Hypernetwork h = new Hypernetwork(TARGET, HypernetConfig.of(3, 5, 6).withHeads(heads)
                        .withOuterNet(outerNet));
                Params phi = Params.init(h, DType.FLOAT64, 2);
                double[] base = flat(h.generate(phi, Var.constant(x)));
                assertArrayEquals(base, flat(h.generate(phi, Var.constant(permuted))), 1e-12, "H(πX) = H(X)");
                assertArrayEquals(base, flat(h.generate(phi, Var.constant(doubled))), 1e-12, "H(X ∪ X) = H(X)");
            }
        }
    }

    @Test
    void naiveEncoderIsOrderSensitiveAndNeedsItsBatchSize() {
        Hypernetwork h = new Hypernetwork(TARGET, HypernetConfig.of(3, 5, 6).naive(9));
        Params phi = Params.init(h, DType.FLOAT64, 3);
        Tensor x = data(9, 4);
        double[] base = flat(h.generate(phi, Var.constant(x)));
        double[] permuted = flat(h.generate(phi, Var.constant(permuteRows(x, new SplittableRandom(5)))));
        double diff = 0;
        for (int i = 0; i < base.length; i++) {
            diff += Math.abs(base[i] - permuted[i]);
        }
        assertTrue(diff > 1e-6);
        assertEquals((9 * 3 * 5 + 5) + (5 * 6 + 6) + 7 * P, h.parameterCount());
        ShapeException e = assertThrows(ShapeException.class, () -> h.generate(phi, Var.constant(data(8, 4))));
        assertTrue(e.getMessage().contains("batches of 9"), e.getMessage());
    }

    @Test
    void wrongSampleWidthIsReportedWithTheShape() {
        Hypernetwork h = new Hypernetwork(TARGET, HypernetConfig.of(3, 5));
        Params phi = Params.init(h, DType.FLOAT64, 3);
        ShapeException e = assertThrows(ShapeException.class,
                () -> h.generate(phi, Var.constant(GradCheck.randn(1, 4, 5))));
        assertTrue(e.getMessage().contains("[4, 5]") && e.getMessage().contains("built for 3"), e.getMessage());
    }

    @Test
    void anEmptyDataSetIsRefusedInsteadOfPoolingToNaN() {
        Hypernetwork h = new Hypernetwork(TARGET, HypernetConfig.of(3, 5));
        Params phi = Params.init(h, DType.FLOAT64, 3);
        ShapeException e = assertThrows(ShapeException.class,
                () -> h.generate(phi, Var.constant(Tensor.zeros(DType.FLOAT64, 0, 3))));
        assertEquals("hypernetwork: the data set [0, 3] has no samples to pool", e.getMessage());
    }

    @Test
    void gradientsReachPhiThroughTheGeneratedParameters() {
        Tensor set = data(6, 7);
        Var input = Var.constant(data(4, 8));
        for (HeadsConfig heads : HEADS) {
            Hypernetwork h = new Hypernetwork(TARGET, HypernetConfig.of(3, 4, 5).withHeads(heads).withOuterNet(true));
            Params init = Params.init(h, DType.FLOAT64, 4);
            GradCheck.check(v -> TARGET.forward(h.generate(init.withValues(v), Var.constant(set)), input),
                    init.tensors(), 1e-6);
        }
    }

    @Test
    void gradientsReachTheDataSetToo() {
        Hypernetwork h = new Hypernetwork(TARGET, HypernetConfig.of(3, 4, 5).withHeads(HeadsConfig.chunked(4, 2)));
        Params phi = Params.init(h, DType.FLOAT64, 6);
        Var input = Var.constant(data(3, 9));
        GradCheck.check(v -> TARGET.forward(h.generate(phi, v.get(0)), input), data(5, 10));
    }

    @Test
    void chunkedHeadsFollowTheirDefinitionAcrossChunkBoundaries() {
        // θ_flat[k·C + c] = (code·W_cᵀ)_c + (e_k·W_eᵀ)_c + b_c, C = 5 (tensors of 12, 4, 8, 2 straddle chunks)
        Hypernetwork h = new Hypernetwork(TARGET, HypernetConfig.of(3, 4).withHeads(HeadsConfig.chunked(5, 3)));
        Params phi = Params.init(h, DType.FLOAT64, 8);
        Tensor x = data(7, 11);
        double[] code = h.encode(phi, Var.constant(x)).value().toDoubleArray();
        double[] wc = phi.get("heads.code_weight").value().toDoubleArray();
        double[] we = phi.get("heads.embedding_weight").value().toDoubleArray();
        double[] b = phi.get("heads.bias").value().toDoubleArray();
        double[] e = phi.get("heads.embeddings").value().toDoubleArray();
        List<Double> generated = new ArrayList<>();
        for (Tensor t : h.generate(phi, Var.constant(x)).tensors()) {
            for (double v : t.toDoubleArray()) {
                generated.add(v);
            }
        }
        assertEquals(P, generated.size());
        for (int i = 0; i < P; i++) {
            int k = i / 5;
            int c = i % 5;
            double expected = b[c];
            for (int j = 0; j < 4; j++) {
                expected += code[j] * wc[c * 4 + j];
            }
            for (int j = 0; j < 3; j++) {
                expected += e[k * 3 + j] * we[c * 3 + j];
            }
            assertEquals(expected, generated.get(i), 1e-12, "θ entry " + i);
        }
    }

    private static long count(HeadsConfig heads, boolean outerNet) {
        return new Hypernetwork(TARGET, HypernetConfig.of(3, 5, 6).withHeads(heads).withOuterNet(outerNet))
                .parameterCount();
    }

    static Tensor data(int rows, long seed) {
        return GradCheck.randn(seed, rows, 3);
    }

    static double[] flat(Params p) {
        List<Double> all = new ArrayList<>();
        try (GradMode off = GradMode.off()) {
            for (Tensor t : p.tensors()) {
                for (double v : t.toDoubleArray()) {
                    all.add(v);
                }
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static Tensor permuteRows(Tensor x, SplittableRandom rng) {
        int n = x.dim(0);
        int d = x.dim(1);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        Tensor out = Tensor.zeros(DType.FLOAT64, n, d);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                out.set(x.get(perm[i], k), i, k);
            }
        }
        return out;
    }

    private static Tensor stackTwice(Tensor x) {
        double[] v = x.toDoubleArray();
        double[] two = new double[2 * v.length];
        System.arraycopy(v, 0, two, 0, v.length);
        System.arraycopy(v, 0, two, v.length, v.length);
        return Tensor.wrap(two, 2 * x.dim(0), x.dim(1));
    }
}
