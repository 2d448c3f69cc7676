package org.equitrain.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Shapes: element counts and the limits a shape must respect. */
class ShapeTest {
    @Test
    void sizeIsTheProductOfTheDimensions() {
        assertEquals(24, Shape.of(2, 3, 4).size());
        assertEquals(Integer.MAX_VALUE, Shape.of(Integer.MAX_VALUE).size());
    }

    @Test
    void aShapeOfTwoToTheThirtyOneElementsIsRefusedWithItsCount() {
        Exception e = assertThrows(IllegalArgumentException.class, () -> Shape.of(1 << 16, 1 << 15));
        assertEquals("shape [65536, 32768] has 2147483648 elements; a tensor holds at most 2^31 − 1",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -1));
    }
}
