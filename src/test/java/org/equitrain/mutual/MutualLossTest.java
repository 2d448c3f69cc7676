package org.equitrain.mutual;

import static org.equitrain.autodiff.GradCheck.check;
import static org.equitrain.autodiff.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The RDML loss of one peer: cross-entropy plus the aggregated mutual term (renyi-dml.md §2–§4, §8). */
class MutualLossTest {
    private static final int[] LABELS = {2, 0, 3, 1, 1};

    @Test
    void crossEntropyMatchesTheSpecVector() {
        Var z = Var.param(Tensor.of(RenyiDivergenceTest.B, 1, 4));
        Var ce = CrossEntropy.mean(z, new int[] {0});
        assertEquals(1.3451776501, ce.item(), 1e-9);
        assertArrayEquals(new double[] {-0.7395065729, 0.1929782771, 0.1170472417, 0.4294810541},
                Grad.gradTensors(ce, List.of(z)).get(0).doubles(), 1e-9);
        check(v -> CrossEntropy.mean(v.get(0), LABELS), randn(1, 5, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.mean(z, new int[] {4}));
        assertTrue(e.getMessage().contains("label 4 of example 0"), e.getMessage());
    }

    @Test
    void gradientIsTheClosedFormLossHead() {
        // renyi-dml.md §3: (1/B)[(q_i − onehot(y)) + (1/(K−1)) Σ_{j≠i} (q_i − w_ij)]
        List<Var> logits = List.of(Var.param(randn(1, 5, 4)), Var.param(randn(2, 5, 4)), Var.param(randn(3, 5, 4)));
        double alpha = 1.5;
        Var loss = MutualLoss.of(alpha).loss(1, logits, LABELS);
        List<Tensor> g = Grad.gradTensors(loss, logits);
        assertArrayEquals(new double[20], g.get(0).doubles(), "peer 0 is detached");
        assertArrayEquals(new double[20], g.get(2).doubles(), "peer 2 is detached");
        RenyiDivergence d = RenyiDivergence.of(alpha);
        double expectedLoss = 0;
        for (int b = 0; b < 5; b++) {
            double[] zi = row(logits.get(1), b);
            double[] q = RenyiDivergenceTest.softmax(zi);
            double[] expected = new double[4];
            expectedLoss -= Math.log(q[LABELS[b]]) / 5;
            for (int k = 0; k < 4; k++) {
                expected[k] = (q[k] - (k == LABELS[b] ? 1 : 0)) / 5;
            }
            for (int j : new int[] {0, 2}) {
                double[] gj = d.gradient(row(logits.get(j), b), zi); // q − w_ij
                expectedLoss += d.divergence(row(logits.get(j), b), zi) / 2 / 5;
                for (int k = 0; k < 4; k++) {
                    expected[k] += gj[k] / 2 / 5;
                }
            }
            for (int k = 0; k < 4; k++) {
                assertEquals(expected[k], g.get(1).get(b, k), 1e-14);
            }
        }
        assertEquals(expectedLoss, loss.item(), 1e-13);
    }

    @Test
    void fullLossMatchesFiniteDifferences() {
        Tensor other = randn(4, 5, 3).copy();
        int[] labels = {0, 2, 1, 1, 0};
        for (MutualLoss ml : new MutualLoss[] {MutualLoss.of(0.5), MutualLoss.of(2).withTemperature(2).withWeight(3),
            MutualLoss.of(1.5).withAggregation(PeerAggregation.DIVERGENCE_TO_MEAN)}) {
            check(v -> ml.loss(0, List.of(v.get(0), Var.constant(other), Var.constant(other.copy())), labels),
                    List.of(randn(5, 5, 3)), 1e-8);
        }
    }

    @Test
    void singlePeerOrOrderZeroIsPlainCrossEntropy() {
        Var z = Var.param(randn(6, 5, 4));
        Var other = Var.constant(randn(7, 5, 4));
        double ce = CrossEntropy.mean(z, LABELS).item();
        assertEquals(ce, MutualLoss.of(1).loss(0, List.of(z), LABELS).item(), 0.0);
        assertEquals(ce, MutualLoss.of(0).loss(0, List.of(z, other), LABELS).item(), 0.0);
        assertEquals(ce, MutualLoss.of(2).withWeight(0).loss(0, List.of(z, other), LABELS).item(), 0.0);
        double withMutual = MutualLoss.of(1).loss(0, List.of(z, other), LABELS).item();
        assertEquals(ce + RenyiMutualTerm.batchMean(RenyiDivergence.of(1), other, z).item(), withMutual, 1e-14);
    }

    @Test
    void divergenceToMeanUsesTheAveragedPeerDistribution() {
        Var zi = Var.param(randn(8, 5, 4));
        Var z1 = Var.constant(randn(9, 5, 4));
        Var z2 = Var.constant(randn(10, 5, 4));
        double alpha = 2;
        double t = 1.7;
        MutualLoss toMean = MutualLoss.of(alpha).withTemperature(t).withAggregation(PeerAggregation.DIVERGENCE_TO_MEAN);
        double mutual = toMean.loss(0, List.of(zi, z1, z2), LABELS).item() - CrossEntropy.mean(zi, LABELS).item();
        double expected = 0;
        for (int b = 0; b < 5; b++) {
            double[] p1 = RenyiDivergenceTest.softmax(scale(row(z1, b), 1 / t));
            double[] p2 = RenyiDivergenceTest.softmax(scale(row(z2, b), 1 / t));
            double[] q = RenyiDivergenceTest.softmax(scale(row(zi, b), 1 / t));
            double s = 0;
            for (int k = 0; k < 4; k++) {
                double p = (p1[k] + p2[k]) / 2;
                s += p * p / q[k];
            }
            expected += t * t * Math.log(s) / 5; // α = 2: log Σ p²/q
        }
        assertEquals(expected, mutual, 1e-12);
        // with K = 2 both aggregations coincide
        MutualLoss mean = MutualLoss.of(alpha).withTemperature(t);
        assertEquals(mean.loss(0, List.of(zi, z1), LABELS).item(), toMean.loss(0, List.of(zi, z1), LABELS).item(),
                1e-12);
    }

    @Test
    void cosineScheduleAnnealsAlphaToZero() {
        AlphaSchedule cos = AlphaSchedule.cosine(2);
        assertEquals(2, cos.alphaAt(0, 10), 0);
        assertEquals(1, cos.alphaAt(5, 10), 1e-15);
        assertEquals(0, cos.alphaAt(10, 10), 0);
        assertEquals(2 * 0.5 * (1 + Math.cos(Math.PI * 0.3)), cos.alphaAt(3, 10), 1e-15);
        assertEquals(1.5, AlphaSchedule.constant(1.5).alphaAt(7, 10));
        MutualLoss ml = MutualLoss.of(2).withSchedule(cos);
        assertEquals(1, ml.divergenceAt(5, 10).alpha(), 1e-15);
        Var z = Var.param(randn(11, 5, 4));
        Var other = Var.constant(randn(12, 5, 4));
        assertEquals(CrossEntropy.mean(z, LABELS).item(), ml.loss(0, List.of(z, other), LABELS, 10, 10).item(), 0);
        assertEquals(MutualLoss.of(1).loss(0, List.of(z, other), LABELS).item(),
                ml.loss(0, List.of(z, other), LABELS, 5, 10).item(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> AlphaSchedule.cosine(-1));
    }

    @Test
    void mismatchedPeersAreReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MutualLoss.of(1)
                .loss(0, List.of(Var.param(randn(1, 5, 4)), Var.constant(randn(2, 5, 3))), LABELS));
        assertTrue(e.getMessage().contains("peer 1"), e.getMessage());
    }

    private static double[] row(Var v, int r) {
        int c = v.dim(1);
        double[] out = new double[c];
        for (int k = 0; k < c; k++) {
            out[k] = v.value().get(r, k);
        }
        return out;
    }

    private static double[] scale(double[] x, double c) {
        double[] y = x.clone();
        for (int k = 0; k < y.length; k++) {
            y[k] *= c;
        }
        return y;
    }
}
