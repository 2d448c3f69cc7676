package org.equitrain.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** ParallelRange: every index runs once, and a failure comes back as it was thrown, not wrapped in a copy. */
class ParallelRangeTest {
    @Test
    void everyIndexRunsOnceOnEitherPool() {
        AtomicIntegerArray common = new AtomicIntegerArray(1000);
        ParallelRange.forEach(common.length(), common::incrementAndGet);
        AtomicIntegerArray own = new AtomicIntegerArray(1000);
        ParallelRange.forEach(own.length(), 3, own::incrementAndGet);
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, common.get(i), "common pool, index " + i);
            assertEquals(1, own.get(i), "own pool, index " + i);
        }
    }

    @Test
    void anIndexsExceptionIsRethrownItself() {
        IllegalArgumentException bad = new IllegalArgumentException("statistic undefined");
        // Every index throws, so some throw on worker threads, where a parallel stream would wrap them.
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> ParallelRange.forEach(64, i -> {
            throw bad;
        })));
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> ParallelRange.forEach(64, 2, i -> {
            throw bad;
        })));
    }

    @Test
    void anErrorStaysThatError() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> ParallelRange.forEach(64, i -> {
            throw oom;
        })));
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> ParallelRange.forEach(64, 2, i -> {
            throw oom;
        })));
    }
}
