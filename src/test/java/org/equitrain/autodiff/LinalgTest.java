package org.equitrain.autodiff;

import static org.equitrain.autodiff.GradCheck.check;
import static org.equitrain.autodiff.GradCheck.randn;
import static org.equitrain.autodiff.SecondOrder.gradOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Function;
import org.equitrain.tensor.Gemm;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Cholesky, triangular solve, log-determinant, triangles and diagonals: values, errors and gradient checks. */
class LinalgTest {

    /** A seeded well-conditioned SPD matrix (or batch of them): X·Xᵀ + n·I. */
    static Tensor spd(long seed, int... dims) {
        int n = dims[dims.length - 1];
        Tensor x = randn(seed, dims);
        Tensor a = Gemm.matmul(x, x, false, true);
        for (int off = 0; off < a.size(); off += n * n) {
            for (int i = 0; i < n; i++) {
                a.setFlat(off + i * n + i, a.getFlat(off + i * n + i) + n);
            }
        }
        return a;
    }

    /** A seeded lower-triangular matrix with diagonal entries in [1, 2), far from singular. */
    static Tensor lowerFactor(long seed, int n) {
        Tensor l = Linalg.tril(Var.constant(randn(seed, n, n))).value();
        for (int i = 0; i < n; i++) {
            l.setFlat(i * n + i, 1 + Math.abs(Math.sin(l.getFlat(i * n + i))));
        }
        return l;
    }

    @Test
    void choleskyOfAKnownMatrix() {
        Tensor l = Linalg.cholesky(Var.constant(Tensor.of(new double[] {4, 2, 2, 3}, 2, 2))).value();
        assertArrayEquals(new double[] {2, 0, 1, Math.sqrt(2)}, l.toDoubleArray(), 1e-15);
    }

    @Test
    void choleskyReconstructsBatchedInputs() {
        Tensor a = spd(1, 3, 4, 4);
        Tensor l = Linalg.cholesky(Var.constant(a)).value();
        Tensor back = Gemm.matmul(l, l, false, true);
        assertArrayEquals(a.toDoubleArray(), back.toDoubleArray(), 1e-12);
        for (int t = 0; t < 3; t++) {
            for (int r = 0; r < 4; r++) {
                for (int c = r + 1; c < 4; c++) {
                    assertEquals(0, l.get(t, r, c));
                }
            }
        }
    }

    @Test
    void choleskyGradients() {
        check(v -> Linalg.cholesky(v.get(0)), spd(2, 4, 4));
        check(v -> Linalg.cholesky(v.get(0)), spd(3, 2, 3, 3));
        check(v -> Linalg.cholesky(Ops.matmul(v.get(0), v.get(0), false, true).add(v.get(1))),
                randn(4, 3, 3), Tensor.of(new double[] {3, 0, 0, 0, 3, 0, 0, 0, 3}, 3, 3));
        check(gradOf(v -> Linalg.cholesky(v.get(0))), spd(5, 3, 3));
    }

    @Test
    void notPositiveDefiniteNamesTheFailingMinor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Linalg.cholesky(Var.constant(Tensor.of(new double[] {1, 2, 2, 1}, 2, 2))));
        assertEquals("cholesky: matrix is not positive definite: its leading minor of order 2 is not positive",
                e.getMessage());
        Tensor batch = Tensor.of(new double[] {1, 0, 0, 1, 1, 0, 0, -1}, 2, 2, 2);
        e = assertThrows(IllegalArgumentException.class, () -> Linalg.cholesky(Var.constant(batch)));
        assertEquals("cholesky: matrix is not positive definite: its leading minor of order 2 is not positive"
                + " (matrix 1 of the batch of shape [2])", e.getMessage());
        assertThrows(ShapeException.class, () -> Linalg.cholesky(Var.constant(randn(1, 2, 3))));
    }

    @Test
    void triangularSolveSolves() {
        Tensor l = lowerFactor(6, 4);
        Tensor b = randn(7, 4, 2);
        for (boolean transpose : new boolean[] {false, true}) {
            for (boolean lower : new boolean[] {true, false}) {
                Tensor a = lower ? l : Linalg.triu(Var.constant(Ops.t(Var.constant(l)).value())).value();
                Tensor x = Linalg.triangularSolve(Var.constant(a), Var.constant(b), lower, transpose).value();
                Tensor back = Gemm.matmul(a, x, transpose, false);
                assertArrayEquals(b.toDoubleArray(), back.toDoubleArray(), 1e-12, "lower " + lower + " transpose "
                        + transpose);
            }
        }
    }

    @Test
    void triangularSolveReadsOnlyItsTriangle() {
        Tensor l = lowerFactor(8, 3);
        Tensor junk = l.copy();
        junk.set(99, 0, 2);
        Tensor b = randn(9, 3, 2);
        assertArrayEquals(Linalg.triangularSolve(Var.constant(l), Var.constant(b), true, false).value()
                .toDoubleArray(), Linalg.triangularSolve(Var.constant(junk), Var.constant(b), true, false).value()
                .toDoubleArray());
    }

    @Test
    void triangularSolveGradients() {
        Tensor l = lowerFactor(10, 3);
        for (boolean transpose : new boolean[] {false, true}) {
            check(v -> Linalg.triangularSolve(v.get(0), v.get(1), true, transpose), l, randn(11, 3, 2));
            check(v -> Linalg.triangularSolve(v.get(0), v.get(1), false, transpose),
                    Ops.t(Var.constant(l)).value(), randn(12, 3, 4));
        }
        Tensor batchL = Concat.stack(List.of(Var.constant(l), Var.constant(lowerFactor(13, 3))), 0).value();
        check(v -> Linalg.triangularSolve(v.get(0), v.get(1), true, false), batchL, randn(14, 2, 3, 2));
        check(v -> Linalg.triangularSolve(v.get(0), v.get(1), true, true), l, randn(15, 5, 3, 1));
        check(gradOf(v -> Linalg.triangularSolve(v.get(0), v.get(1), true, false)), l, randn(16, 3, 2));
        check(gradOf(v -> Linalg.triangularSolve(v.get(1), v.get(0), true, true)), randn(17, 3, 2), l);
    }

    @Test
    void triangularSolveErrors() {
        Tensor l = lowerFactor(18, 3);
        ShapeException e = assertThrows(ShapeException.class,
                () -> Linalg.triangularSolve(Var.constant(l), Var.constant(randn(1, 2, 2)), true, false));
        assertEquals("triangularSolve: right-hand side [2, 2] does not fit matrix [3, 3] (expected [..., 3, k] with"
                + " the matrix's batch dims, or a single [n, n] matrix)", e.getMessage());
        Tensor singular = l.copy();
        singular.set(0, 1, 1);
        ArithmeticException s = assertThrows(ArithmeticException.class,
                () -> Linalg.triangularSolve(Var.constant(singular), Var.constant(randn(1, 3, 1)), true, false));
        assertEquals("triangularSolve: matrix is singular: diagonal entry 1 is zero", s.getMessage());
    }

    @Test
    void logdetMatchesTheDeterminantAndItsGradientIsTheInverse() {
        assertEquals(Math.log(8), Linalg.logdet(Var.constant(Tensor.of(new double[] {4, 2, 2, 3}, 2, 2))).item(),
                1e-14);
        Var a = Var.param(Tensor.of(new double[] {4, 2, 2, 3}, 2, 2));
        // d log det A / dA = A⁻¹ = [[3, −2], [−2, 4]] / 8.
        assertArrayEquals(new double[] {3.0 / 8, -2.0 / 8, -2.0 / 8, 4.0 / 8},
                Grad.gradTensors(Linalg.logdet(a), List.of(a)).get(0).toDoubleArray(), 1e-14);
        Var batch = Linalg.logdet(Var.constant(spd(19, 2, 3, 3)));
        assertEquals(Shape.of(2), batch.shape());
        check(v -> Linalg.logdet(v.get(0)), spd(20, 4, 4));
        check(v -> Linalg.logdet(v.get(0)), spd(21, 3, 2, 2));
        check(gradOf(v -> Linalg.logdet(v.get(0))), spd(22, 3, 3));
    }

    @Test
    void trianglesAndDiagonals() {
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        assertArrayEquals(new double[] {1, 0, 3, 4}, Linalg.tril(Var.constant(m)).value().toDoubleArray());
        assertArrayEquals(new double[] {1, 2, 0, 4}, Linalg.triu(Var.constant(m)).value().toDoubleArray());
        assertArrayEquals(new double[] {1, 4}, Linalg.diagonal(Var.constant(m)).value().toDoubleArray());
        assertArrayEquals(new double[] {5, 0, 0, 6}, Linalg.diagEmbed(Var.constant(Tensor.vector(5, 6))).value()
                .toDoubleArray());
        check(v -> Linalg.tril(v.get(0)), randn(23, 2, 3, 3));
        check(v -> Linalg.triu(v.get(0)), randn(24, 3, 3));
        check(v -> Linalg.diagonal(v.get(0)), randn(25, 2, 3, 3));
        check(v -> Linalg.diagEmbed(v.get(0)), randn(26, 2, 3));
    }

    @Test
    void float32AgreesWithFloat64() {
        Tensor l = lowerFactor(27, 4);
        List<Function<List<Var>, Var>> fns = List.of(
                v -> Linalg.cholesky(v.get(0)),
                v -> Linalg.logdet(v.get(0)),
                v -> Linalg.triangularSolve(v.get(1), v.get(2), true, false),
                v -> Linalg.triangularSolve(v.get(1), v.get(2), true, true),
                v -> Linalg.diagonal(v.get(1)));
        for (Function<List<Var>, Var> f : fns) {
            Float32.assertAgrees(f, 1e-5, spd(28, 4, 4), l, randn(29, 4, 3));
        }
    }
}
