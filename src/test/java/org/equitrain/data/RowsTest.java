package org.equitrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Rows: gathering copies whole rows in order; an index outside the matrix is named, not an arraycopy error. */
class RowsTest {
    private final Tensor x = Tensor.wrap(new double[] {0, 1, 10, 11, 20, 21}, 3, 2);

    @Test
    void selectCopiesTheRowsInTheOrderGivenWithRepeats() {
        assertArrayEquals(new double[] {20, 21, 0, 1, 20, 21}, Rows.select(x, new int[] {2, 0, 2}).doubles());
    }

    @Test
    void aRowOutsideTheMatrixIsNamedWithItsPosition() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> Rows.select(x, new int[] {0, 3}));
        assertEquals("select: row index 3 at position 1 is outside 0..2 (3 rows)", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> Rows.select(x, new int[] {-1}));
    }
}
