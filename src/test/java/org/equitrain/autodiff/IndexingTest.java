package org.equitrain.autodiff;

import static org.equitrain.autodiff.GradCheck.check;
import static org.equitrain.autodiff.GradCheck.randn;
import static org.equitrain.autodiff.SecondOrder.gradOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Function;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Slicing, selection, gathering, joining and max/min over an axis: values and float64 gradient checks. */
class IndexingTest {
    /** [[0, 1, 2], [3, 4, 5]]. */
    private static final Tensor M = Tensor.of(new double[] {0, 1, 2, 3, 4, 5}, 2, 3);

    @Test
    void narrowTakesAContiguousSlice() {
        Var y = Indexing.narrow(Var.constant(M), 1, 1, 2);
        assertEquals(Shape.of(2, 2), y.shape());
        assertArrayEquals(new double[] {1, 2, 4, 5}, y.value().toDoubleArray());
        check(v -> Indexing.narrow(v.get(0), 1, 1, 2), randn(1, 2, 4, 3));
        check(v -> Indexing.narrow(v.get(0), 0, 2, 1), randn(2, 4, 3));
        check(gradOf(v -> Indexing.narrow(v.get(0), -1, 0, 2).mul(v.get(0).narrow(-1, 1, 2))), randn(3, 3, 3));
        ShapeException e = assertThrows(ShapeException.class, () -> Indexing.narrow(Var.constant(M), 1, 2, 2));
        assertEquals("narrow: slice [2, 4) is outside axis 1 of size 3 in shape [2, 3]", e.getMessage());
    }

    @Test
    void indexSelectRepeatsAndAccumulatesGradients() {
        Var x = Var.param(M.copy());
        Var y = Indexing.indexSelect(x, 1, new int[] {2, 0, 2});
        assertArrayEquals(new double[] {2, 0, 2, 5, 3, 5}, y.value().toDoubleArray());
        assertArrayEquals(new double[] {1, 0, 2, 1, 0, 2},
                Grad.gradTensors(y.sum(), List.of(x)).get(0).toDoubleArray());
        check(v -> Indexing.indexSelect(v.get(0), 0, new int[] {3, 1, 1, 0}), randn(4, 4, 3));
        check(v -> Indexing.indexSelect(v.get(0), 1, new int[] {2, 2, 0}), randn(5, 2, 3, 2));
        check(gradOf(v -> Pointwise.pow(Indexing.indexSelect(v.get(0), 0, new int[] {1, 1, 0}), 3)), randn(6, 2, 2));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> Indexing.indexSelect(Var.constant(M), 0, new int[] {0, 2}));
        assertEquals("indexSelect: index 2 at position 1 is out of range for axis 0 of size 2", e.getMessage());
    }

    @Test
    void gatherPicksTheTargetLogitOfEachRow() {
        Var logits = Var.param(M.copy());
        Var picked = Indexing.gather(logits, new int[] {2, 0});
        assertEquals(Shape.of(2), picked.shape());
        assertArrayEquals(new double[] {2, 3}, picked.value().toDoubleArray());
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0},
                Grad.gradTensors(picked.sum(), List.of(logits)).get(0).toDoubleArray());
        assertArrayEquals(new double[] {3, 1, 5}, Indexing.gather(Var.constant(M), 0, new int[] {1, 0, 1}).value()
                .toDoubleArray());
        check(v -> Indexing.gather(v.get(0), new int[] {4, 0, 2}), randn(7, 3, 5));
        check(v -> Indexing.gather(v.get(0), 1, new int[] {0, 2, 1, 1, 2, 0}), randn(8, 2, 3, 3));
        check(gradOf(v -> Pointwise.pow(Indexing.gather(v.get(0), new int[] {1, 0}), 2)), randn(9, 2, 2));
        assertThrows(ShapeException.class, () -> Indexing.gather(Var.constant(M), new int[] {0}));
    }

    @Test
    void concatAndStack() {
        Var a = Var.constant(M);
        Var b = Var.constant(Tensor.of(new double[] {6, 7}, 2, 1));
        assertArrayEquals(new double[] {0, 1, 2, 6, 3, 4, 5, 7}, Concat.concat(List.of(a, b), 1).value()
                .toDoubleArray());
        Var s = Concat.stack(List.of(a, a.mul(2)), 1);
        assertEquals(Shape.of(2, 2, 3), s.shape());
        assertArrayEquals(new double[] {0, 1, 2, 0, 2, 4, 3, 4, 5, 6, 8, 10}, s.value().toDoubleArray());
        check(v -> Concat.concat(v, 1), randn(1, 2, 1, 3), randn(2, 2, 4, 3), randn(3, 2, 2, 3));
        check(v -> Concat.concat(v, 0), randn(4, 1, 2), randn(5, 3, 2));
        check(v -> Concat.stack(v, 0), randn(6, 2, 3), randn(7, 2, 3));
        check(v -> Concat.stack(v, -1), randn(8, 4), randn(9, 4), randn(10, 4));
        check(gradOf(v -> Pointwise.pow(Concat.concat(v, 0), 3)), randn(11, 2), randn(12, 3));
        ShapeException e = assertThrows(ShapeException.class, () -> Concat.concat(List.of(a, b), 0));
        assertEquals("concat: value 1 of shape [2, 1] does not match value 0 of shape [2, 3] outside axis 0",
                e.getMessage());
    }

    @Test
    void maxAndMinOverAnAxisRouteGradientToTheWinner() {
        Var x = Var.param(Tensor.of(new double[] {1, 7, 3, 9, 2, 4}, 2, 3));
        Var mx = Reductions.max(x, 1, false);
        assertArrayEquals(new double[] {7, 9}, mx.value().toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0}, Grad.gradTensors(mx.sum(), List.of(x)).get(0)
                .toDoubleArray());
        Var mn = Reductions.min(x, 0, true);
        assertEquals(Shape.of(1, 3), mn.shape());
        assertArrayEquals(new double[] {1, 2, 3}, mn.value().toDoubleArray());
        assertArrayEquals(new int[] {1, 0}, Reductions.argmax(x.value(), 1));
        assertArrayEquals(new int[] {0, 1, 0}, Reductions.argmin(x.value(), 0));
        check(v -> Reductions.max(v.get(0), 1, true), randn(13, 3, 4, 2));
        check(v -> Reductions.min(v.get(0), -1, false), randn(14, 3, 4, 2));
        check(v -> Reductions.max(v.get(0), 0, false), randn(15, 5));
        check(gradOf(v -> Pointwise.pow(Reductions.max(v.get(0), 0, false), 2)), randn(16, 3, 2));
    }

    @Test
    void codesMustBeWholeNumbersInRange() {
        assertArrayEquals(new int[] {0, 3, 1}, Indexing.codes("embedding", Tensor.vector(0, 3, 1), 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Indexing.codes("embedding", Tensor.vector(0, 2.5), 4));
        assertEquals("embedding: code 2.5 at position 1 is not an integer in [0, 4)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Indexing.codes("x", Tensor.vector(4), 4));
        assertThrows(IllegalArgumentException.class, () -> Indexing.codes("x", Tensor.vector(Double.NaN), 4));
    }

    @Test
    void float32AgreesWithFloat64() {
        List<Function<List<Var>, Var>> fns = List.of(
                v -> Indexing.narrow(v.get(0), 1, 1, 3),
                v -> Indexing.indexSelect(v.get(0), 0, new int[] {2, 0, 2}),
                v -> Indexing.gather(v.get(0), new int[] {0, 3, 1}),
                v -> Concat.concat(v, 0),
                v -> Concat.stack(v, 1),
                v -> Reductions.max(v.get(0), 1, false),
                v -> Reductions.min(v.get(1), 0, true));
        for (Function<List<Var>, Var> f : fns) {
            Float32.assertAgrees(f, 1e-6, randn(17, 3, 4), randn(18, 3, 4));
        }
    }
}
