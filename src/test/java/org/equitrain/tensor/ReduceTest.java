package org.equitrain.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Axis sums against sums written out in the same order, and sumTo as the adjoint of broadcasting. */
class ReduceTest {
    @Test
    void sumOverEachAxisMatchesTheSequentialSumInBothDtypes() {
        SplittableRandom rng = new SplittableRandom(21);
        int[][] shapes = {{7}, {3, 5}, {4, 1}, {2, 3, 4, 5}, {6, 2, 1}, {3, 0, 2}};
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (int[] dims : shapes) {
                Tensor a = Tensor.randn(dt, rng, dims);
                for (int axis = 0; axis < dims.length; axis++) {
                    Tensor expected = sequentialSum(a, axis);
                    Tensor kept = Reduce.sum(a, axis, true);
                    assertEquals(expected.shape(), kept.shape());
                    assertEquals(dt, kept.dtype());
                    assertArrayEquals(expected.toDoubleArray(), kept.toDoubleArray(), 0.0,
                            dt + " " + a.shape() + " axis " + axis);
                    assertEquals(a.shape().reduce(axis, false), Reduce.sum(a, axis, false).shape());
                }
            }
        }
    }

    @Test
    void sumToReducesExactlyTheBroadcastAxes() {
        SplittableRandom rng = new SplittableRandom(22);
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            Tensor g = Tensor.randn(dt, rng, 3, 5, 4, 6);
            Tensor expected = sequentialSum(sequentialSum(sequentialSum(g, 0), 2), 3).reshape(5, 1, 1);
            assertArrayEquals(expected.toDoubleArray(), Reduce.sumTo(g, Shape.of(5, 1, 1)).toDoubleArray(), 0.0);
            assertEquals(Shape.of(5, 1, 1), Reduce.sumTo(g, Shape.of(5, 1, 1)).shape());
        }
    }

    /** Sum over {@code axis} (kept as size 1), each output accumulated in the tensor's dtype from index 0 up. */
    private static Tensor sequentialSum(Tensor a, int axis) {
        int[] dims = a.dims();
        int n = dims[axis];
        int inner = a.shape().sizeBetween(axis + 1, dims.length);
        int outer = a.shape().sizeBetween(0, axis);
        Tensor out = Tensor.zeros(a.dtype(), a.shape().reduce(axis, true));
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double acc = 0;
                for (int k = 0; k < n; k++) {
                    double v = a.getFlat((o * n + k) * inner + i);
                    acc = a.dtype() == DType.FLOAT32 ? (float) (acc + v) : acc + v;
                }
                out.setFlat(o * inner + i, acc);
            }
        }
        return out;
    }
}
