package org.equitrain.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** What GroupedData accepts: rows that agree in number, group codes that name a group, labels that are classes. */
class GroupedDataTest {
    private static final Tensor X = Tensor.zeros(DType.FLOAT64, 3, 2);
    private static final List<String> GROUPS = List.of("a", "b");

    private static String refusal(int[] y, int[] group, int favourable) {
        return assertThrows(IllegalArgumentException.class, () -> new GroupedData(X, y, group, GROUPS, favourable, 2))
                .getMessage();
    }

    @Test
    void aGroupCodeOutsideTheGroupNamesIsRefusedNamingTheRow() {
        assertEquals("group code 2 of row 1 is not a group in 0..1 (a, b)", refusal(new int[] {0, 1, 0},
                new int[] {0, 2, 1}, 1));
        assertEquals("group code -1 of row 0 is not a group in 0..1 (a, b)", refusal(new int[] {0, 1, 0},
                new int[] {-1, 0, 1}, 1));
    }

    @Test
    void labelsAndTheFavourableClassMustBeClasses() {
        assertEquals("label 2 of row 2 is not a class in 0..1", refusal(new int[] {0, 1, 2}, new int[] {0, 1, 1}, 1));
        assertEquals("favourable class 3 is not a class in 0..1", refusal(new int[] {0, 1, 0}, new int[] {0, 1, 1}, 3));
    }

    @Test
    void consistentRowsAreKept() {
        GroupedData d = new GroupedData(X, new int[] {0, 1, 0}, new int[] {1, 0, 1}, GROUPS, 1, 2);
        assertEquals(List.of("b", "a", "b"), List.of(d.groupOfRows()));
        assertEquals(2, d.select(new int[] {2, 0}).size());
    }
}
