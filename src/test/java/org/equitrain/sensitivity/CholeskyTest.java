package org.equitrain.sensitivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CholeskyTest {
    private static final int N = 6;

    /** A = BᵀB + I for a random B: symmetric positive definite. */
    private static double[] randomSpd(SplittableRandom rng, int n) {
        double[] b = new double[n * n];
        for (int k = 0; k < b.length; k++) {
            b[k] = rng.nextDouble(-1, 1);
        }
        double[] a = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double s = r == c ? 1 : 0;
                for (int k = 0; k < n; k++) {
                    s += b[k * n + r] * b[k * n + c];
                }
                a[r * n + c] = s;
            }
        }
        return a;
    }

    private static double[] times(double[] a, double[] x, int n) {
        double[] y = new double[n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                y[r] += a[r * n + c] * x[c];
            }
        }
        return y;
    }

    @Test
    void solveInverseAndSolveRowsAgree() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] a = randomSpd(rng, N);
        Cholesky h = Cholesky.factor(a, N);
        double[] b = {1, -2, 0.5, 3, 0, -1};
        assertArrayEquals(b, times(a, h.solve(b), N), 1e-12);

        double[] inv = h.inverse();
        for (int c = 0; c < N; c++) {
            double[] unit = new double[N];
            unit[c] = 1;
            double[] col = new double[N];
            for (int r = 0; r < N; r++) {
                col[r] = inv[r * N + c];
                assertEquals(inv[r * N + c], inv[c * N + r], 0, "H⁻¹ is symmetric");
            }
            assertArrayEquals(unit, times(a, col, N), 1e-12);
        }

        double[] rows = new double[3 * N];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = rng.nextDouble(-2, 2);
        }
        double[] solved = h.solveRows(rows, 3);
        for (int i = 0; i < 3; i++) {
            double[] r = java.util.Arrays.copyOfRange(rows, i * N, (i + 1) * N);
            assertArrayEquals(h.solve(r), java.util.Arrays.copyOfRange(solved, i * N, (i + 1) * N), 1e-13);
        }
    }

    @Test
    void quadraticFormsMatchTheInverse() {
        SplittableRandom rng = new SplittableRandom(2);
        double[] a = randomSpd(rng, N);
        Cholesky h = Cholesky.factor(a, N);
        double[] inv = h.inverse();
        int count = 6;
        double[] rows = new double[count * N];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = rng.nextDouble(-2, 2);
        }
        double[] q = h.quadraticForms(rows, count);
        double[] blocks = h.blockQuadraticForms(rows, count, 3);
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < count; j++) {
                double expected = 0;
                for (int r = 0; r < N; r++) {
                    for (int c = 0; c < N; c++) {
                        expected += rows[i * N + r] * inv[r * N + c] * rows[j * N + c];
                    }
                }
                if (i == j) {
                    assertEquals(expected, q[i], 1e-12);
                }
                if (i / 3 == j / 3) {
                    int b = i / 3;
                    assertEquals(expected, blocks[b * 9 + (i % 3) * 3 + (j % 3)], 1e-12);
                }
            }
        }
    }

    @Test
    void logDeterminantOfAKnownMatrix() {
        // det [[4, 2], [2, 3]] = 8.
        assertEquals(Math.log(8), Cholesky.factor(new double[] {4, 2, 2, 3}, 2).logDeterminant(), 1e-15);
        // A diagonal matrix: the sum of the logs.
        double[] d = {2, 0, 0, 0, 0.5, 0, 0, 0, 7};
        assertEquals(Math.log(7), Cholesky.factor(d, 3).logDeterminant(), 1e-15);
    }

    @Test
    void anIndefiniteMatrixNamesItsFailingMinor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.factor(new double[] {1, 2, 2, 1}, 2));
        assertTrue(e.getMessage().contains("leading minor of order 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cholesky.factor(new double[] {1, 2, 3}, 2));
    }
}
