package org.equitrain.sensitivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.equitrain.sensitivity.RidgeLoo.GroupRemoval;
import org.equitrain.sensitivity.RidgeLoo.Intercept;
import org.junit.jupiter.api.Test;

/** MPE spec §6.1: the exact ridge identities against brute-force refits, to 1e-10. */
class RidgeLooTest {
    private static final int N = 60;
    private static final int P = 5;
    private static final double DELTA = 2;
    private static final double TOL = 1e-10;

    private static DesignMatrix features(SplittableRandom rng) {
        double[] x = new double[N * P];
        for (int k = 0; k < x.length; k++) {
            x[k] = rng.nextGaussian();
        }
        return DesignMatrix.of(x, N, P);
    }

    private static double[] targets(DesignMatrix x, SplittableRandom rng) {
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = 3.0 + x.get(i, 0) - 2 * x.get(i, 2) + 0.5 * x.get(i, 4) + 0.7 * rng.nextGaussian();
        }
        return y;
    }

    @Test
    void exactLooMatchesRefitsAndFirstOrderIsOffBySecondOrder() {
        SplittableRandom rng = new SplittableRandom(11);
        DesignMatrix x = features(rng);
        RidgeLoo ridge = RidgeLoo.fit(x, targets(x, rng), DELTA);

        double[] truth = ridge.bruteForceLooPredictionShifts();
        assertArrayEquals(truth, ridge.looPredictionShifts(), TOL);

        double[] e = ridge.residuals();
        double[] v = ridge.leverages();
        double[] looResiduals = ridge.looResiduals();
        double[] firstOrder = ridge.firstOrderPredictionShifts();
        double meanFirstOrderError = 0;
        for (int i = 0; i < N; i++) {
            assertEquals(e[i] + truth[i], looResiduals[i], TOL, "LOO residual = e_i + shift_i");
            double err = Math.abs(firstOrder[i] - truth[i]);
            // exact − first order = v² e / (1 − v): second order in v.
            assertEquals(v[i] * v[i] * Math.abs(e[i]) / (1 - v[i]), err, TOL);
            meanFirstOrderError += err / N;
        }
        assertTrue(meanFirstOrderError > 1e-4, "first order differs visibly: " + meanFirstOrderError);

        for (int i : new int[] {0, 17, 59}) {
            double[] refit = ridge.refitWithout(i);
            double[] expected = ridge.coefficients();
            for (int p = 0; p < P; p++) {
                expected[p] = refit[p] - expected[p];
            }
            assertArrayEquals(expected, ridge.looParameterShift(i), TOL);
        }
    }

    /**
     * An oracle that shares no code with {@link RidgeLoo}: every refit solves
     * (Σ_{k∉M} x_k x_kᵀ + δ·D)θ = Σ_{k∉M} x_k y_k from the raw rows by Gaussian elimination with partial pivoting
     * (D = I, or diag(0, 1, …, 1) with a leading column of ones for the unpenalised intercept).
     */
    @Test
    void looAndGroupShiftsMatchAnIndependentEliminationSolver() {
        SplittableRandom rng = new SplittableRandom(15);
        DesignMatrix x = features(rng);
        double[] y = targets(x, rng);
        for (Intercept intercept : Intercept.values()) {
            boolean ones = intercept == Intercept.UNPENALISED;
            RidgeLoo ridge = RidgeLoo.fit(x, y, DELTA, intercept);
            double[] theta = refitByElimination(x, y, ones, new int[0]);
            assertArrayEquals(theta, ridge.coefficients(), TOL, intercept + ": θ*");
            double[] shifts = ridge.looPredictionShifts();
            for (int i = 0; i < N; i++) {
                double[] refit = refitByElimination(x, y, ones, new int[] {i});
                double[] dTheta = new double[theta.length];
                for (int p = 0; p < theta.length; p++) {
                    dTheta[p] = refit[p] - theta[p];
                }
                assertArrayEquals(dTheta, ridge.looParameterShift(i), TOL, intercept + ": θ^{\\i} − θ*, row " + i);
                assertEquals(dot(row(x, i, ones), dTheta), shifts[i], TOL, intercept + ": f_i shift, row " + i);
                assertEquals(dot(row(x, i, ones), refit) - y[i], ridge.looResiduals()[i], TOL,
                        intercept + ": LOO residual, row " + i);
            }
            int[] group = {2, 19, 33, 47};
            double[] refit = refitByElimination(x, y, ones, group);
            GroupRemoval removal = ridge.leaveGroupOut(group);
            for (int p = 0; p < theta.length; p++) {
                assertEquals(refit[p] - theta[p], removal.parameterShift()[p], TOL, intercept + ": group, θ_" + p);
            }
            for (int a = 0; a < group.length; a++) {
                double[] xi = row(x, group[a], ones);
                assertEquals(dot(xi, refit) - dot(xi, theta), removal.groupShifts()[a], TOL, intercept + ": group");
            }
        }
    }

    /** Ridge on the rows of {@code x} not in {@code removed}, solved by Gaussian elimination with partial pivoting. */
    private static double[] refitByElimination(DesignMatrix x, double[] y, boolean ones, int[] removed) {
        int p = P + (ones ? 1 : 0);
        double[][] a = new double[p][p + 1]; // [H | b]
        for (int k = 0; k < N; k++) {
            if (contains(removed, k)) {
                continue;
            }
            double[] xk = row(x, k, ones);
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    a[r][c] += xk[r] * xk[c];
                }
                a[r][p] += xk[r] * y[k];
            }
        }
        for (int r = ones ? 1 : 0; r < p; r++) {
            a[r][r] += DELTA;
        }
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int r = col + 1; r < p; r++) {
                double m = a[r][col] / a[col][col];
                for (int c = col; c <= p; c++) {
                    a[r][c] -= m * a[col][c];
                }
            }
        }
        double[] theta = new double[p];
        for (int r = p - 1; r >= 0; r--) {
            double s = a[r][p];
            for (int c = r + 1; c < p; c++) {
                s -= a[r][c] * theta[c];
            }
            theta[r] = s / a[r][r];
        }
        return theta;
    }

    /** Row i of the design, with a leading 1 when the model has an intercept. */
    private static double[] row(DesignMatrix x, int i, boolean ones) {
        int offset = ones ? 1 : 0;
        double[] r = new double[P + offset];
        r[0] = 1;
        for (int c = 0; c < P; c++) {
            r[c + offset] = x.get(i, c);
        }
        return r;
    }

    private static boolean contains(int[] rows, int k) {
        for (int r : rows) {
            if (r == k) {
                return true;
            }
        }
        return false;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    @Test
    void leaveGroupOutByWoodburyMatchesARefit() {
        SplittableRandom rng = new SplittableRandom(12);
        DesignMatrix x = features(rng);
        double[] y = targets(x, rng);
        for (Intercept intercept : Intercept.values()) {
            RidgeLoo ridge = RidgeLoo.fit(x, y, DELTA, intercept);
            int[] group = {3, 41, 7, 22, 58, 30};
            GroupRemoval removal = ridge.leaveGroupOut(group);

            double[] refit = ridge.refitWithout(group);
            double[] before = ridge.predictions(ridge.coefficients());
            double[] after = ridge.predictions(refit);
            double[] theta = ridge.coefficients();
            for (int p = 0; p < theta.length; p++) {
                assertEquals(refit[p] - theta[p], removal.parameterShift()[p], TOL);
            }
            for (int k = 0; k < N; k++) {
                assertEquals(after[k] - before[k], removal.allShifts()[k], TOL, "row " + k);
            }
            for (int a = 0; a < group.length; a++) {
                int i = group[a];
                assertEquals(after[i] - before[i], removal.groupShifts()[a], TOL);
                assertEquals(after[i] - y[i], removal.looResiduals()[a], TOL);
            }
        }
    }

    @Test
    void aGroupOfOneIsTheLooFormulaAndTheInterceptIsUnpenalised() {
        SplittableRandom rng = new SplittableRandom(13);
        DesignMatrix x = features(rng);
        double[] y = targets(x, rng);
        RidgeLoo ridge = RidgeLoo.fit(x, y, 1e6, Intercept.UNPENALISED);
        GroupRemoval one = ridge.leaveGroupOut(new int[] {9});
        assertEquals(ridge.looPredictionShifts()[9], one.groupShifts()[0], TOL);
        assertEquals(ridge.looResiduals()[9], one.looResiduals()[0], TOL);
        // A huge δ shrinks the slopes to zero but not the unpenalised intercept, which becomes the mean of y.
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        assertEquals(mean, ridge.coefficients()[0], 1e-4);
        assertEquals(P + 1, ridge.design().cols());
        assertArrayEquals(ridge.bruteForceLooPredictionShifts(), ridge.looPredictionShifts(), TOL);
    }

    @Test
    void invalidInputsAreExplained() {
        DesignMatrix x = features(new SplittableRandom(14));
        double[] y = new double[N];
        assertThrows(IllegalArgumentException.class, () -> RidgeLoo.fit(x, new double[3], DELTA));
        assertThrows(IllegalArgumentException.class, () -> RidgeLoo.fit(x, y, -1));
        RidgeLoo ridge = RidgeLoo.fit(x, y, DELTA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ridge.leaveGroupOut(new int[] {1, 2, 1}));
        assertTrue(e.getMessage().contains("row 1 appears twice"), e.getMessage());
        DesignMatrix collinear = DesignMatrix.of(new double[][] {{1, 2}, {2, 4}, {3, 6}});
        assertThrows(IllegalArgumentException.class, () -> RidgeLoo.fit(collinear, new double[3], 0));
    }

    @Test
    void aTargetThatIsNotFiniteIsRefusedAsAFeatureIs() {
        DesignMatrix x = features(new SplittableRandom(14));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            double[] y = new double[N];
            y[3] = bad;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RidgeLoo.fit(x, y, DELTA));
            assertEquals("ridge: target of row 3 is " + bad + ", not a finite number", e.getMessage());
        }
    }
}
