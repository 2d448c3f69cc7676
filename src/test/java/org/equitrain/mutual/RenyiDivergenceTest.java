package org.equitrain.mutual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.equitrain.tensor.DType;
import org.junit.jupiter.api.Test;

/** The oracles of renyi-dml.md §8: test vectors, properties, extreme logits and the authors' clamp. */
class RenyiDivergenceTest {
    static final double[] A = {2, 1, 0, -1};
    static final double[] B = {0.5, 0.2, -0.3, 1.0};
    static final double[] ALPHAS = {0.5, 1, 1.5, 2};
    static final double[] TABLE_D = {0.3446720691, 0.5223916849, 0.6131773139, 0.6676976000};
    static final double[][] TABLE_GRAD = {
        {-0.2260896439, -0.0610403601, -0.0029426663, 0.2900726702},
        {-0.3834208328, -0.0439045410, 0.0299029230, 0.3974224508},
        {-0.4845711530, -0.0001724588, 0.0617086294, 0.4230349824},
        {-0.5558669794, 0.0438426812, 0.0837705923, 0.4282537058}};

    @Test
    void matchesTheSpecTestVectors() {
        for (int i = 0; i < ALPHAS.length; i++) {
            RenyiDivergence d = RenyiDivergence.of(ALPHAS[i]);
            assertEquals(TABLE_D[i], d.divergence(A, B), 1e-9, "D at alpha " + ALPHAS[i]);
            assertArrayEquals(TABLE_GRAD[i], d.gradient(A, B), 1e-9, "gradient at alpha " + ALPHAS[i]);
        }
    }

    @Test
    void gradientMatchesCentralDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        for (double alpha : new double[] {0.3, 0.5, 1, 1.5, 2, 4}) {
            RenyiDivergence d = RenyiDivergence.of(alpha);
            for (int trial = 0; trial < 5; trial++) {
                double[] a = randomLogits(rng, 6, 3);
                double[] b = randomLogits(rng, 6, 3);
                assertArrayEquals(centralDifference(d, a, b), d.gradient(a, b), 1e-9, "alpha " + alpha);
            }
        }
    }

    @Test
    void isNonNegativeAndZeroOnlyAtEqualDistributions() {
        SplittableRandom rng = new SplittableRandom(5);
        for (double alpha : new double[] {0.1, 0.5, 1, 1.5, 2, 5}) {
            RenyiDivergence d = RenyiDivergence.of(alpha);
            for (int trial = 0; trial < 50; trial++) {
                double[] a = randomLogits(rng, 5, 4);
                double[] b = randomLogits(rng, 5, 4);
                assertTrue(d.divergence(a, b) > 0, "D > 0 for distinct distributions, alpha " + alpha);
                assertEquals(0, d.divergence(a, a), 1e-13);
                assertEquals(0, d.divergence(a, shift(a, 7.5)), 1e-12, "equal up to a shift");
                double[] g = d.gradient(a, shift(a, -3));
                assertArrayEquals(new double[g.length], g, 1e-13, "no pull when p = q");
            }
        }
    }

    @Test
    void isInvariantToShiftingEitherLogitVector() {
        for (double alpha : ALPHAS) {
            RenyiDivergence d = RenyiDivergence.of(alpha);
            assertEquals(d.divergence(A, B), d.divergence(shift(A, 40), shift(B, -25)), 1e-11);
            assertArrayEquals(d.gradient(A, B), d.gradient(shift(A, 40), shift(B, -25)), 1e-12);
        }
    }

    @Test
    void convergesToKlFromBothSides() {
        double kl = RenyiDivergence.of(1).divergence(A, B);
        assertEquals(TABLE_D[1], kl, 1e-9);
        double previous = Double.NaN;
        for (double eps : new double[] {1e-2, 1e-3, 1e-4, 1e-5}) {
            double below = RenyiDivergence.of(1 - eps).divergence(A, B);
            double above = RenyiDivergence.of(1 + eps).divergence(A, B);
            assertTrue(below < kl && kl < above, "monotone around alpha = 1 at eps " + eps);
            double gap = Math.max(kl - below, above - kl);
            assertTrue(gap < eps, "gap " + gap + " shrinks like |alpha - 1| = " + eps);
            assertTrue(Double.isNaN(previous) || gap < previous / 5);
            previous = gap;
        }
        RenyiDivergence nearOne = RenyiDivergence.of(1 + 5e-7);
        assertTrue(nearOne.usesKlBranch(DType.FLOAT64));
        assertEquals(kl, nearOne.divergence(A, B), 0.0, "the KL branch inside tau = 1e-6");
        RenyiDivergence f32 = RenyiDivergence.of(1.0005);
        assertTrue(f32.usesKlBranch(DType.FLOAT32) && !f32.usesKlBranch(DType.FLOAT64));
        RenyiDivergence wide = RenyiDivergence.of(1.05).withKlTolerance(0.1);
        assertTrue(wide.usesKlBranch(DType.FLOAT64));
        assertEquals(kl, wide.divergence(A, B), 0.0, "a wider tau takes the KL branch at alpha = 1.05");
        assertTrue(RenyiDivergence.of(1.05).divergence(A, B) > kl);
        assertThrows(IllegalArgumentException.class, () -> RenyiDivergence.of(1).withKlTolerance(-1));
    }

    @Test
    void isNonDecreasingInAlpha() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 20; trial++) {
            double[] a = randomLogits(rng, 7, 2);
            double[] b = randomLogits(rng, 7, 2);
            double previous = 0;
            for (double alpha = 0.05; alpha <= 6; alpha += 0.05) {
                double value = RenyiDivergence.of(alpha).divergence(a, b);
                assertTrue(value >= previous - 1e-12, "D at " + alpha + " = " + value + " < " + previous);
                previous = value;
            }
        }
    }

    @Test
    void halfOrderIsTheSymmetricBhattacharyyaForm() {
        RenyiDivergence d = RenyiDivergence.of(0.5);
        double[] p = softmax(A);
        double[] q = softmax(B);
        double bc = 0;
        for (int k = 0; k < p.length; k++) {
            bc += Math.sqrt(p[k] * q[k]);
        }
        assertEquals(-2 * Math.log(bc), d.divergence(A, B), 1e-12);
        assertEquals(d.divergence(A, B), d.divergence(B, A), 1e-12);
    }

    @Test
    void secondOrderIsLogOnePlusChiSquare() {
        double[] p = softmax(A);
        double[] q = softmax(B);
        double s = 0;
        for (int k = 0; k < p.length; k++) {
            s += p[k] * p[k] / q[k];
        }
        assertEquals(Math.log(s), RenyiDivergence.of(2).divergence(A, B), 1e-12);
    }

    @Test
    void gradientIsQMinusPAtOrderOneAndSumsToZero() {
        double[] p = softmax(A);
        double[] q = softmax(B);
        double[] g = RenyiDivergence.of(1).gradient(A, B);
        for (int k = 0; k < p.length; k++) {
            assertEquals(q[k] - p[k], g[k], 1e-15);
        }
        SplittableRandom rng = new SplittableRandom(2);
        for (double alpha : new double[] {0.5, 1, 1.5, 2, 8}) {
            double[] gr = RenyiDivergence.of(alpha).gradient(randomLogits(rng, 9, 4), randomLogits(rng, 9, 4));
            double sum = 0;
            double l1 = 0;
            for (double v : gr) {
                sum += v;
                l1 += Math.abs(v);
            }
            assertEquals(0, sum, 1e-15);
            assertTrue(l1 <= 2, "‖q − w‖₁ <= 2");
        }
    }

    @Test
    void extremeLogitsStayInLogSpace() {
        double[] peer = {80, 0, -80};
        double[] student = {-80, 0, 80};
        assertEquals(160 - 2 * Math.log(3), RenyiDivergence.of(0.5).divergence(peer, student), 1e-9);
        assertEquals(157.8, RenyiDivergence.of(0.5).divergence(peer, student), 0.05);
        assertEquals(160.0, RenyiDivergence.of(2).divergence(peer, student), 1e-9);
        for (double alpha : new double[] {0.5, 1, 2, 10}) {
            double[] g = RenyiDivergence.of(alpha).gradient(peer, student);
            for (double v : g) {
                assertTrue(Double.isFinite(v) && Math.abs(v) <= 1 + 1e-12);
            }
        }
    }

    @Test
    void clampParityCapsExtremeDivergences() {
        double[] peer = {80, 0, -80};
        double[] student = {-80, 0, 80};
        double l = Math.log(RenyiDivergence.CLAMP_EPS);
        // α = ½: s = (l/2, l, l/2); α = 2: s = 2·log p_c − log q_c = (−l, l, 2l)
        double half = -2 * (l / 2 + Math.log(2 + Math.exp(l / 2)));
        double two = -l + Math.log(1 + Math.exp(2 * l) + Math.exp(3 * l));
        RenyiDivergence clampedHalf = RenyiDivergence.of(0.5).withClampParity(true);
        RenyiDivergence clampedTwo = RenyiDivergence.of(2).withClampParity(true);
        assertEquals(half, clampedHalf.divergence(peer, student), 1e-9);
        assertEquals(17.0, clampedHalf.divergence(peer, student), 0.05);
        assertEquals(two, clampedTwo.divergence(peer, student), 1e-9);
        assertEquals(18.4, clampedTwo.divergence(peer, student), 0.05);
        // q_0 = e^-160 is clamped: its own pull −w_0 ≈ −1 of the log-space form is dropped, q_0·Σ w_m remains
        assertEquals(-1, RenyiDivergence.of(2).gradient(peer, student)[0], 1e-9);
        assertEquals(0, clampedTwo.gradient(peer, student)[0], 1e-60);
    }

    @Test
    void clampParityAgreesWithLogSpaceWhileProbabilitiesExceedTheFloor() {
        for (double alpha : new double[] {0.5, 1, 1.5, 2}) {
            RenyiDivergence plain = RenyiDivergence.of(alpha);
            RenyiDivergence clamped = plain.withClampParity(true);
            assertEquals(plain.divergence(A, B), clamped.divergence(A, B), 1e-8);
            assertArrayEquals(plain.gradient(A, B), clamped.gradient(A, B), 1e-8);
        }
    }

    @Test
    void clampParityGradientMatchesCentralDifferencesAwayFromTheFloor() {
        double[] peer = {12, 0, -9, 3};
        double[] student = {-15, 2, 6, 0}; // q_0 ≈ 8e-10 is clamped, the rest are not
        for (double alpha : new double[] {0.5, 1, 2}) {
            RenyiDivergence d = RenyiDivergence.of(alpha).withClampParity(true);
            assertArrayEquals(centralDifference(d, peer, student), d.gradient(peer, student), 1e-8);
        }
    }

    @Test
    void temperatureSoftensBothSidesAndScalesByTSquared() {
        double t = 3;
        for (double alpha : ALPHAS) {
            RenyiDivergence soft = RenyiDivergence.of(alpha).withTemperature(t);
            double expected = t * t * RenyiDivergence.of(alpha).divergence(scale(A, 1 / t), scale(B, 1 / t));
            assertEquals(expected, soft.divergence(A, B), 1e-12);
            assertArrayEquals(centralDifference(soft, A, B), soft.gradient(A, B), 1e-9);
        }
    }

    @Test
    void orderZeroIsZeroAndNegativeOrdersAreRejected() {
        RenyiDivergence zero = RenyiDivergence.of(0);
        assertEquals(0, zero.divergence(A, B));
        assertArrayEquals(new double[4], zero.gradient(A, B));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RenyiDivergence.of(-0.5));
        assertTrue(e.getMessage().contains("-0.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RenyiDivergence.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> RenyiDivergence.of(1).divergence(A, new double[3]));
        assertFalse(RenyiDivergence.of(2).usesKlBranch(DType.FLOAT32));
    }

    // ---- helpers ----

    static double[] centralDifference(RenyiDivergence d, double[] a, double[] b) {
        double h = 1e-5;
        double[] g = new double[b.length];
        for (int k = 0; k < b.length; k++) {
            double[] up = b.clone();
            double[] down = b.clone();
            up[k] += h;
            down[k] -= h;
            g[k] = (d.divergence(a, up) - d.divergence(a, down)) / (2 * h);
        }
        return g;
    }

    static double[] randomLogits(SplittableRandom rng, int m, double scale) {
        double[] x = new double[m];
        for (int k = 0; k < m; k++) {
            x[k] = scale * (2 * rng.nextDouble() - 1);
        }
        return x;
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    private static double[] shift(double[] x, double c) {
        double[] y = x.clone();
        for (int k = 0; k < y.length; k++) {
            y[k] += c;
        }
        return y;
    }

    private static double[] scale(double[] x, double c) {
        double[] y = x.clone();
        for (int k = 0; k < y.length; k++) {
            y[k] *= c;
        }
        return y;
    }
}
