package org.equitrain.mutual;

import static org.equitrain.autodiff.GradCheck.check;
import static org.equitrain.autodiff.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The shared closed-form loss heads of a cohort against the composite they replace: cross-entropy plus the
 * pairwise {@link RenyiMutualTerm}s summed by autodiff ops (renyi-dml.md §2), in float64, for K = 2, 3, 4.
 */
class CohortLossHeadTest {
    private static final int[] LABELS = {2, 0, 3, 1, 1, 4, 0};
    private static final double[] WEIGHTS = {1, 1, 1, 1, 3, 1, 1};
    private static final MutualLoss[] LOSSES = {
        MutualLoss.of(0.5), MutualLoss.of(1), MutualLoss.of(1.5), MutualLoss.of(2).withTemperature(2.5),
        MutualLoss.of(1.5).withWeight(WEIGHTS[4]), MutualLoss.of(0.5).withClampParity(true),
        MutualLoss.of(1).withClampParity(true)};

    /** The composite: CE + weight·(1/(K−1))·Σ_{j≠i} batchMean(D_α(p_j ‖ q_i)), one node per pair. */
    static Var composite(RenyiDivergence div, double weight, int i, List<Var> logits, int[] labels) {
        Var sum = null;
        for (int j = 0; j < logits.size(); j++) {
            if (j != i) {
                Var d = RenyiMutualTerm.batchMean(div, Var.constant(logits.get(j).value()), logits.get(i));
                sum = sum == null ? d : Ops.add(sum, d);
            }
        }
        Var mutual = Ops.mulScalar(sum, 1.0 / (logits.size() - 1));
        return Ops.add(CrossEntropy.mean(logits.get(i), labels), Ops.mulScalar(mutual, weight));
    }

    private static List<Var> cohort(int k, long seed) {
        List<Var> logits = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            Tensor z = randn(seed + j, LABELS.length, 5);
            for (int e = 0; e < z.size(); e++) {
                z.setFlat(e, 3 * z.getFlat(e)); // spread out, so that the clamp is active for some entries
            }
            logits.add(Var.param(z));
        }
        return logits;
    }

    @Test
    void lossesAndGradientsEqualThePairwiseComposite() {
        for (int k = 2; k <= 4; k++) {
            List<Var> logits = cohort(k, 10 * k);
            for (int f = 0; f < LOSSES.length; f++) {
                RenyiDivergence div = LOSSES[f].divergenceAt(0, 1);
                List<Var> all = LOSSES[f].losses(logits, LABELS, 0, 1);
                for (int i = 0; i < k; i++) {
                    Var expected = composite(div, WEIGHTS[f], i, logits, LABELS);
                    String what = "K = " + k + ", " + div + ", peer " + i;
                    for (Var got : List.of(all.get(i), LOSSES[f].loss(i, logits, LABELS))) {
                        assertEquals(expected.item(), got.item(), 1e-12, what);
                        List<Tensor> ge = Grad.gradTensors(expected, logits);
                        List<Tensor> gg = Grad.gradTensors(got, logits);
                        for (int j = 0; j < k; j++) {
                            assertArrayEquals(ge.get(j).doubles(), gg.get(j).doubles(), 1e-14, what + ", d/dz_" + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void logitsThousandsApartStillEqualTheComposite() {
        // Peers sure of class 0 and a student sure of it too, but with class 1 thousands of nats below: the
        // factors E_j and F_i of the factored pairs underflow to a zero sum (α > 1), the log-space rows do not.
        double[] sure = {0, -3000, -1, -2, -1.5};
        List<Var> logits = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            Tensor z = Tensor.zeros(DType.FLOAT64, LABELS.length, 5);
            for (int r = 0; r < LABELS.length; r++) {
                for (int c = 0; c < 5; c++) {
                    z.set(sure[c] * (1 + 0.1 * j) + 0.01 * r, r, c);
                }
            }
            logits.add(Var.param(z));
        }
        for (double alpha : new double[] {0.5, 1.5, 2}) {
            MutualLoss ml = MutualLoss.of(alpha);
            for (int i = 0; i < 3; i++) {
                Var expected = composite(ml.divergenceAt(0, 1), 1, i, logits, LABELS);
                Var got = ml.losses(logits, LABELS, 0, 1).get(i);
                assertTrue(Double.isFinite(got.item()), "α = " + alpha + ", peer " + i);
                assertEquals(expected.item(), got.item(), 1e-9 * Math.abs(expected.item()), "α = " + alpha);
                assertArrayEquals(Grad.gradTensors(expected, logits).get(i).toDoubleArray(),
                        Grad.gradTensors(got, logits).get(i).toDoubleArray(), 1e-12, "α = " + alpha);
            }
        }
    }

    @Test
    void createGraphGradientsAndHessianVectorProductsEqualTheComposite() {
        List<Var> logits = cohort(3, 40);
        Tensor v = randn(50, LABELS.length, 5);
        for (int f = 0; f < LOSSES.length; f++) {
            MutualLoss ml = LOSSES[f];
            RenyiDivergence div = ml.divergenceAt(0, 1);
            try (GradMode on = GradMode.on()) {
                Var ge = Grad.grad(composite(div, WEIGHTS[f], 1, logits, LABELS), List.of(logits.get(1)), null, true).get(0);
                Var gg = Grad.grad(ml.loss(1, logits, LABELS), List.of(logits.get(1)), null, true).get(0);
                assertArrayEquals(ge.value().doubles(), gg.value().doubles(), 1e-14, div.toString());
                // Hessian-vector products: d/dz ⟨∇L, v⟩
                Tensor he = Grad.gradTensors(Ops.sum(Ops.mul(ge, Var.constant(v))), List.of(logits.get(1))).get(0);
                Tensor hg = Grad.gradTensors(Ops.sum(Ops.mul(gg, Var.constant(v))), List.of(logits.get(1))).get(0);
                assertArrayEquals(he.doubles(), hg.doubles(), 1e-13, div.toString());
            }
        }
    }

    @Test
    void float32LogitsUseTheFloat32KlTolerance() {
        // α = 1.0005 is within τ = 1e-3 of 1 for float32 logits (KL branch), outside τ = 1e-6 for float64.
        List<Var> logits = new ArrayList<>();
        for (Var z : cohort(3, 70)) {
            logits.add(Var.param(z.value().to(DType.FLOAT32)));
        }
        MutualLoss ml = MutualLoss.of(1.0005);
        for (int i = 0; i < 3; i++) {
            Var expected = composite(ml.divergenceAt(0, 1), 1, i, logits, LABELS);
            Var got = ml.losses(logits, LABELS, 0, 1).get(i);
            assertEquals(DType.FLOAT32, got.dtype());
            assertEquals(expected.item(), got.item(), 1e-6);
            assertArrayEquals(Grad.gradTensors(expected, logits).get(i).toDoubleArray(),
                    Grad.gradTensors(got, logits).get(i).toDoubleArray(), 1e-7);
        }
    }

    @Test
    void divergenceToTheMeanMatchesFiniteDifferencesForEveryPeer() {
        MutualLoss toMean = MutualLoss.of(1.5).withTemperature(1.3).withAggregation(PeerAggregation.DIVERGENCE_TO_MEAN);
        Tensor a = randn(60, LABELS.length, 5);
        Tensor b = randn(61, LABELS.length, 5);
        for (int i = 0; i < 3; i++) {
            int peer = i;
            check(vs -> {
                List<Var> logits = new ArrayList<>(List.of(Var.constant(a), Var.constant(b)));
                logits.add(peer, vs.get(0));
                Var all = toMean.losses(logits, LABELS, 0, 1).get(peer);
                assertEquals(toMean.loss(peer, logits, LABELS).item(), all.item(), 0.0);
                return all;
            }, List.of(randn(62, LABELS.length, 5)), 1e-8);
        }
    }
}
