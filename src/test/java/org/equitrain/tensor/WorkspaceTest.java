package org.equitrain.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorkspaceTest {
    private final SplittableRandom rng = new SplittableRandom(7);
    private final Tensor a = Tensor.randn(DType.FLOAT32, rng, 5, 4);
    private final Tensor b = Tensor.randn(DType.FLOAT32, rng, 4, 3);

    @Test
    void theNextScopeGetsTheArraysTheLastOneReturned() {
        Workspace ws = new Workspace();
        float[] first;
        try (Workspace.Scope s = ws.enter()) {
            first = Gemm.matmul(a, b, false, false).floats();
        }
        try (Workspace.Scope s = ws.enter()) {
            assertSame(first, Gemm.matmul(a, b, false, false).floats());
            assertNotSame(first, Gemm.matmul(a, b, false, false).floats(), "one array is lent once per scope");
        }
    }

    @Test
    void recycledGarbageNeverLeaksIntoResults() {
        Tensor expected = Elementwise.map(Gemm.matmul(a, b, false, false), Math::tanh);
        Workspace ws = new Workspace();
        try (Workspace.Scope s = ws.enter()) { // leave NaN in every array the next scope will get
            Elementwise.map(Gemm.matmul(Elementwise.map(a, x -> Double.NaN), b, false, false), Math::tanh);
        }
        try (Workspace.Scope s = ws.enter()) {
            Tensor got = Elementwise.map(Gemm.matmul(a, b, false, false), Math::tanh);
            assertArrayEquals(expected.floats(), got.floats());
        }
    }

    @Test
    void aTensorUsedAfterItsScopeClosedFailsLoudly() {
        Workspace ws = new Workspace();
        Tensor leaked;
        Tensor kept;
        Tensor view;
        try (Workspace.Scope s = ws.enter()) {
            leaked = Gemm.matmul(a, b, false, false);
            view = leaked.reshape(15);
            kept = leaked.copy();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, leaked::floats);
        assertEquals(true, e.getMessage().contains("copy() it inside the scope"));
        assertThrows(IllegalStateException.class, () -> view.getFlat(0));
        assertThrows(IllegalStateException.class, () -> Gemm.matmul(leaked, Tensor.zeros(DType.FLOAT32, 3, 2),
                false, false));
        assertArrayEquals(Gemm.matmul(a, b, false, false).floats(), kept.floats());
    }

    @Test
    void nestedScopesLendFromTheInnermostAndCloseInOrder() {
        Workspace outerWs = new Workspace();
        Workspace innerWs = new Workspace();
        try (Workspace.Scope outer = outerWs.enter()) {
            Tensor x = Gemm.matmul(a, b, false, false);
            Workspace.Scope inner = innerWs.enter();
            Tensor y = Gemm.matmul(a, b, false, false);
            assertThrows(IllegalStateException.class, outer::close, "an outer scope cannot close first");
            inner.close();
            assertThrows(IllegalStateException.class, y::floats);
            assertEquals(x.getFlat(0), Gemm.matmul(a, b, false, false).getFlat(0), "the outer scope is active again");
        }
        assertEquals(null, Workspace.active());
    }

    @Test
    void withoutAScopeOpsAllocateFreshArrays() {
        assertNotSame(Gemm.matmul(a, b, false, false).floats(), Gemm.matmul(a, b, false, false).floats());
    }
}
