package org.equitrain.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Broadcasting kernels against a reference that maps every output element's multi-index to each operand's element
 * one at a time: the run-based walk and the arithmetic loops must agree with it bit for bit, in float64 and float32.
 */
class ElementwiseTest {
    private static final DType[] DTYPES = {DType.FLOAT64, DType.FLOAT32};

    /** Random shape pairs of rank 0 to 4 in which every axis is shared, broadcast on one side, or missing. */
    @Test
    void randomBroadcastsMatchTheReferenceForEveryArithmeticOperation() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 400; trial++) {
            int rank = rng.nextInt(5);
            int[] out = new int[rank];
            int[] a = new int[rank];
            int[] b = new int[rank];
            for (int k = 0; k < rank; k++) {
                out[k] = trial % 50 == 0 && k == 0 ? 0 : 1 + rng.nextInt(4);
                int kind = rng.nextInt(3);
                a[k] = kind == 1 ? 1 : out[k];
                b[k] = kind == 2 ? 1 : out[k];
            }
            Shape sa = Shape.of(dropLeading(a, rng.nextInt(rank + 1)));
            Shape sb = Shape.of(dropLeading(b, rng.nextInt(rank + 1)));
            for (DType dt : DTYPES) {
                checkAllOperations(sa, sb, dt, rng);
            }
        }
    }

    /** The patterns of per-channel layers (BatchNorm, biases) on image batches, in both operand orders. */
    @Test
    void perChannelPatternsOnImageBatchesMatchTheReference() {
        SplittableRandom rng = new SplittableRandom(12);
        Shape x = Shape.of(3, 5, 4, 6);
        Shape[] others = {Shape.of(1, 5, 1, 1), Shape.of(5, 1, 1), Shape.of(3, 5, 1, 1), Shape.of(1, 1, 4, 6),
            Shape.of(6), Shape.of(4, 1), Shape.of(3, 1, 4, 1), Shape.scalar(), Shape.of(1, 1, 1, 1), x};
        for (Shape o : others) {
            for (DType dt : DTYPES) {
                checkAllOperations(x, o, dt, rng);
                checkAllOperations(o, x, dt, rng);
            }
        }
    }

    @Test
    void mixedDtypesArePromotedToFloat64() {
        SplittableRandom rng = new SplittableRandom(13);
        Tensor a = Tensor.randn(DType.FLOAT32, rng, 2, 3, 4);
        Tensor b = Tensor.randn(DType.FLOAT64, rng, 3, 1);
        Tensor z = Elementwise.zip("mul", a, b, Arithmetic.MUL);
        assertEquals(DType.FLOAT64, z.dtype());
        assertArrayEquals(reference(a.to(DType.FLOAT64), b, (p, q) -> p * q).doubles(), z.doubles(), 0.0);
    }

    @Test
    void incompatibleShapesNameTheOpAndBothShapes() {
        Tensor a = Tensor.zeros(DType.FLOAT64, 2, 3);
        Tensor b = Tensor.zeros(DType.FLOAT64, 4);
        ShapeException e = assertThrows(ShapeException.class, () -> Elementwise.zip("mul", a, b, Arithmetic.MUL));
        assertEquals(true, e.getMessage().contains("mul") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void broadcastToCopiesEachElementWhereTheReferenceDoes() {
        SplittableRandom rng = new SplittableRandom(14);
        Shape target = Shape.of(3, 5, 4, 6);
        Shape[] sources = {Shape.of(1, 5, 1, 1), Shape.of(5, 1, 1), Shape.of(4, 6), Shape.of(3, 1, 4, 1),
            Shape.scalar(), target};
        for (Shape s : sources) {
            for (DType dt : DTYPES) {
                Tensor t = Tensor.randn(dt, rng, s.dims());
                Tensor expected = reference(Tensor.zeros(dt, target), t, (z, v) -> v);
                assertEquals(dt, Elementwise.broadcastTo("test", t, target).dtype());
                assertArrayEquals(expected.toDoubleArray(), Elementwise.broadcastTo("test", t, target).toDoubleArray(),
                        0.0, s + " to " + target);
            }
        }
        assertThrows(ShapeException.class,
                () -> Elementwise.broadcastTo("test", Tensor.zeros(DType.FLOAT64, 2, 3), Shape.of(3)));
    }

    /** Every {@link Arithmetic} op and the same op as a plain lambda (the per-element path) against the reference. */
    private static void checkAllOperations(Shape sa, Shape sb, DType dt, SplittableRandom rng) {
        Tensor a = Tensor.randn(dt, rng, sa.dims());
        Tensor b = Tensor.randn(dt, rng, sb.dims());
        for (Arithmetic op : Arithmetic.values()) {
            Tensor expected = reference(a, b, op);
            String what = op + " " + sa + " " + sb + " " + dt;
            Tensor fast = Elementwise.zip("test", a, b, op);
            Tensor perElement = Elementwise.zip("test", a, b, (x, y) -> op.applyAsDouble(x, y));
            assertEquals(expected.shape(), fast.shape(), what);
            assertEquals(dt, fast.dtype(), what);
            assertArrayEquals(expected.toDoubleArray(), fast.toDoubleArray(), 0.0, what);
            assertArrayEquals(expected.toDoubleArray(), perElement.toDoubleArray(), 0.0, what);
        }
    }

    /** fn(a, b) element by element through multi-indices, computed in float64 and rounded to the result dtype. */
    static Tensor reference(Tensor a, Tensor b, DoubleBinaryOperator fn) {
        Shape out = Shape.broadcast("reference", a.shape(), b.shape());
        Tensor z = Tensor.zeros(DType.promote(a.dtype(), b.dtype()), out);
        int[] idx = new int[out.rank()];
        for (int i = 0; i < out.size(); i++) {
            int rest = i;
            for (int k = out.rank() - 1; k >= 0; k--) {
                idx[k] = rest % out.dim(k);
                rest /= out.dim(k);
            }
            z.setFlat(i, fn.applyAsDouble(a.get(operandIndex(idx, a.shape())), b.get(operandIndex(idx, b.shape()))));
        }
        return z;
    }

    private static int[] operandIndex(int[] outIndex, Shape s) {
        int off = outIndex.length - s.rank();
        int[] res = new int[s.rank()];
        for (int k = 0; k < s.rank(); k++) {
            res[k] = s.dim(k) == 1 ? 0 : outIndex[k + off];
        }
        return res;
    }

    private static int[] dropLeading(int[] dims, int count) {
        int[] res = new int[dims.length - count];
        System.arraycopy(dims, count, res, 0, res.length);
        return res;
    }

    @Test
    void reluAndItsMaskSeparatePositiveValuesFromEverythingElse() {
        double nan = Double.NaN;
        double negNan = Double.longBitsToDouble(Double.doubleToRawLongBits(nan) | Long.MIN_VALUE);
        double[] a = {-2, -0.0, 0.0, 0x1p-100, 3, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, negNan, nan, 1};
        double[] relu = {0.0, 0.0, 0.0, 0x1p-100, 3, Double.POSITIVE_INFINITY, 0.0, nan, nan, 1};
        double[] g = {5, 5, 5, 5, 5, 5, 5, nan, 5, Double.POSITIVE_INFINITY};
        double[] masked = {0.0, 0.0, 0.0, 5, 5, 5, 0.0, nan, nan, Double.POSITIVE_INFINITY};
        for (DType dt : DType.values()) {
            Tensor ta = Tensor.wrap(a.clone(), a.length).to(dt);
            assertArrayEquals(relu, Elementwise.relu(ta).toDoubleArray(), dt + " relu (+0, not -0; NaN stays NaN)");
            assertArrayEquals(masked, Elementwise.mulPositiveMask(Tensor.wrap(g.clone(), g.length).to(dt), ta)
                    .toDoubleArray(), dt + " mask: a NaN gradient or activation gives NaN");
        }
        double[] subnormal = {Double.MIN_VALUE, -Double.MIN_VALUE};
        assertArrayEquals(new double[] {2, 0}, Elementwise.mulPositiveMask(Tensor.wrap(new double[] {2, 2}, 2),
                Tensor.wrap(subnormal, 2)).toDoubleArray(), "the smallest positive double is above zero");
        float[] subnormal32 = {Float.MIN_VALUE, -Float.MIN_VALUE};
        assertArrayEquals(new double[] {2, 0}, Elementwise.mulPositiveMask(Tensor.wrap(new double[] {2, 2}, 2)
                .to(DType.FLOAT32), Tensor.wrap(new double[] {subnormal32[0], subnormal32[1]}, 2).to(DType.FLOAT32))
                .toDoubleArray(), "the smallest positive float is above zero");
    }
}
