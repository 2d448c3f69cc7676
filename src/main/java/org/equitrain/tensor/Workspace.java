package org.equitrain.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recycles the output arrays of tensor ops from one iteration of a loop to the next, as PyTorch's caching allocator
 * does. A functional tensor API allocates a fresh, zero-filled array for every result; in a loop that repeats the
 * same step, those arrays have the same sizes every time, so a workspace hands back the previous iteration's arrays
 * instead (no allocation, no zero fill, memory that is still in cache).
 *
 * <pre>{@code
 * Workspace ws = new Workspace();
 * for (...) {
 *     try (Workspace.Scope step = ws.enter()) {
 *         ... forward, backward, optimizer update ...   // op outputs come from ws
 *     }                                                  // and go back to ws here
 * }
 * }</pre>
 *
 * A tensor made inside a scope lives until the scope closes; using it afterwards throws
 * {@link IllegalStateException} (its array may already belong to a newer tensor). Keep a result with
 * {@link Tensor#copy()}, which always allocates a fresh array. Tensors made outside any scope (parameters,
 * optimizer state, data) are untouched. A workspace belongs to one thread; scopes nest, the innermost one lends.
 */
public final class Workspace {
    private static final ThreadLocal<Scope> ACTIVE = new ThreadLocal<>();
    /** Scopes open on all threads: while none is, ops skip the thread-local lookup. */
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final Map<Integer, ArrayDeque<float[]>> floats = new HashMap<>();
    private final Map<Integer, ArrayDeque<double[]>> doubles = new HashMap<>();

    /** Opens a scope on this thread: until it closes, op outputs are lent from this workspace. */
    public Scope enter() {
        Scope s = new Scope(ACTIVE.get());
        ACTIVE.set(s);
        OPEN.incrementAndGet();
        return s;
    }

    /** The innermost open scope on this thread, or null. */
    static Scope active() {
        return OPEN.get() == 0 ? null : ACTIVE.get();
    }

    /** One iteration's loans; closing returns every array lent during it. */
    public final class Scope implements AutoCloseable {
        private final Scope outer;
        private final List<float[]> lentFloats = new ArrayList<>();
        private final List<double[]> lentDoubles = new ArrayList<>();
        private boolean closed;

        private Scope(Scope outer) {
            this.outer = outer;
        }

        /** A float array of length n with undefined contents. */
        float[] floats(int n) {
            ArrayDeque<float[]> free = floats.get(n);
            float[] a = free == null || free.isEmpty() ? new float[n] : free.pop();
            lentFloats.add(a);
            return a;
        }

        /** A double array of length n with undefined contents. */
        double[] doubles(int n) {
            ArrayDeque<double[]> free = doubles.get(n);
            double[] a = free == null || free.isEmpty() ? new double[n] : free.pop();
            lentDoubles.add(a);
            return a;
        }

        boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (ACTIVE.get() != this) {
                throw new IllegalStateException("workspace scopes must close innermost first");
            }
            closed = true;
            ACTIVE.set(outer);
            OPEN.decrementAndGet();
            for (float[] a : lentFloats) {
                floats.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
            }
            for (double[] a : lentDoubles) {
                doubles.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
            }
        }
    }
}
