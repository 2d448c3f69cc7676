package org.equitrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableEncoderTest {
    private static Table table() {
        return new Table("t", List.of(
                new NumericColumn("age", new double[] {20, Double.NaN, 40, 50}),
                CategoricalColumn.of("job", new String[] {"a", "b", null, "a"}, null),
                CategoricalColumn.of("sex", new String[] {"F", "M", "M", "F"}, null),
                CategoricalColumn.of("y", new String[] {"no", "yes", "yes", "no"}, List.of("no", "yes")),
                new NumericColumn("wage", new double[] {1, 2, 3, 4})));
    }

    @Test
    void dropRowsRemovesIncompleteRowsAndOneHotEncodes() {
        Dataset d = new TableEncoder(table()).label("y").group("sex").target("wage").encode("t");
        assertEquals(2, d.size());
        assertEquals(List.of("age", "job=a", "job=b"), d.featureInfo().stream().map(Feature::name).toList());
        assertArrayEquals(new int[] {0, 3}, d.rowIds(), "row ids name the table rows kept");
        assertEquals(50.0, d.features().get(1, 0));
        assertEquals(1.0, d.features().get(1, 1));
        assertEquals(4.0, d.target()[1]);
        assertTrue(d.provenance().steps().get(0).startsWith("dropped 2 of 4 rows"), d.provenance().toString());
    }

    @Test
    void indicatorPolicyKeepsRowsAndMarksMissingCells() {
        Dataset d = new TableEncoder(table()).label("y").group("sex").exclude("wage").naPolicy(NaPolicy.INDICATOR)
                .favourable("no").encode("t");
        assertEquals(4, d.size());
        assertEquals(List.of("age", "age:NA", "job=a", "job=b", "job=NA"),
                d.featureInfo().stream().map(Feature::name).toList());
        assertTrue(Double.isNaN(d.features().get(1, 0)));
        assertEquals(1.0, d.features().get(1, 1));
        assertEquals(1.0, d.features().get(2, 4));
        assertEquals(0, d.favourableClass());
        Dataset z = Standardizer.fit(d).apply(d);
        assertEquals(0.0, z.features().get(1, 0), "missing numeric cell becomes the training mean");
        assertEquals((20 - 110.0 / 3) / Math.sqrt((Math.pow(20 - 110.0 / 3, 2) + Math.pow(40 - 110.0 / 3, 2)
                + Math.pow(50 - 110.0 / 3, 2)) / 3), z.features().get(0, 0), 1e-12);
    }

    @Test
    void groupsCanAlsoBeFeatures() {
        Dataset d = new TableEncoder(table()).label("y").group("sex").exclude("job", "wage").groupsAsFeatures(true)
                .naPolicy(NaPolicy.INDICATOR).encode("t");
        assertEquals(List.of("age", "age:NA", "sex=F", "sex=M"), d.featureInfo().stream().map(Feature::name).toList());
        assertEquals(List.of("sex"), d.groupNames());
    }
}
