package org.equitrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FeatureSchemaTest {
    /** Training rows: a numeric and a categorical column with missing cells, a complete numeric one, label, group. */
    private static Table training() {
        return new Table("train", List.of(
                new NumericColumn("age", new double[] {20, Double.NaN, 40, 50, 35}),
                CategoricalColumn.of("job", new String[] {"b", "a", null, "a", "c"}, null),
                new NumericColumn("hours", new double[] {10, 20, 30, 40, 50}),
                CategoricalColumn.of("sex", new String[] {"F", "M", "M", "F", "F"}, null),
                CategoricalColumn.of("y", new String[] {"no", "yes", "yes", "no", "yes"}, null)));
    }

    private static Dataset encode(Table t) {
        return new TableEncoder(t).label("y").group("sex").naPolicy(NaPolicy.INDICATOR).encode(t.name());
    }

    @Test
    void encodingANewTableReproducesTheStandardisedTrainingFeatures() {
        Dataset train = encode(training());
        Standardizer s = Standardizer.fit(train);
        FeatureSchema schema = FeatureSchema.of(train.featureInfo(), s).orElseThrow();
        assertEquals(train.featureInfo(), schema.features());
        assertArrayEquals(s.apply(train).features().doubles(), schema.encode(training()).doubles(), 0.0);

        // new rows, columns in another order, a level subset and an extra column: encoded with training statistics
        Table fresh = new Table("new", List.of(
                CategoricalColumn.of("job", new String[] {"c", null}, null),
                new NumericColumn("note", new double[] {7, 8}),
                new NumericColumn("hours", new double[] {30, 60}),
                new NumericColumn("age", new double[] {Double.NaN, 41.25})));
        double[] x = schema.encode(fresh).doubles();
        double[] mean = s.means();
        double[] sd = s.sds();
        // features: age, age:NA, job=a, job=b, job=c, job=NA, hours
        assertArrayEquals(new double[] {0, 1, 0, 0, 1, 0, (30 - mean[6]) / sd[6],
            (41.25 - mean[0]) / sd[0], 0, 0, 0, 0, 1, (60 - mean[6]) / sd[6]}, x, 1e-15);
    }

    @Test
    void theSchemaSurvivesAJsonRoundTrip() throws Exception {
        Dataset train = encode(training());
        FeatureSchema schema = FeatureSchema.of(train.featureInfo(), Standardizer.fit(train)).orElseThrow();
        ObjectMapper json = new ObjectMapper();
        assertEquals(schema, json.readValue(json.writeValueAsString(schema), FeatureSchema.class));
    }

    @Test
    void valuesOutsideTheTrainingEncodingAreErrorsNamingRowAndColumn() {
        Dataset train = new TableEncoder(training()).label("y").group("sex").exclude("age", "job").encode("t");
        FeatureSchema schema = FeatureSchema.of(train.featureInfo(), Standardizer.fit(train)).orElseThrow();
        Table missing = new Table("new", List.of(new NumericColumn("hours", new double[] {1, Double.NaN})));
        assertEquals("new, data row 1, column 'hours': a missing value, but the model was trained without missing "
                + "values there", assertThrows(IllegalArgumentException.class, () -> schema.encode(missing))
                        .getMessage());
        Table text = new Table("new", List.of(CategoricalColumn.of("hours", new String[] {"ten"}, null)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> schema.encode(text)).getMessage()
                .contains("column 'hours': expected numbers"));

        Dataset withJob = new TableEncoder(training()).label("y").group("sex").exclude("age").encode("t");
        FeatureSchema jobs = FeatureSchema.of(withJob.featureInfo(), Standardizer.fit(withJob)).orElseThrow();
        Table unknown = new Table("new", List.of(new NumericColumn("hours", new double[] {1, 2}),
                CategoricalColumn.of("job", new String[] {"a", "d"}, null)));
        assertEquals("new, data row 1, column 'job': 'd' is not one of the levels seen in training: a, b, c",
                assertThrows(IllegalArgumentException.class, () -> jobs.encode(unknown)).getMessage());
        Table absent = new Table("new", List.of(CategoricalColumn.of("job", new String[] {"a"}, null)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> jobs.encode(absent)).getMessage()
                .startsWith("new has no column 'hours', which the model reads"));
    }

    @Test
    void featuresThatAreNotTableColumnsHaveNoSchema() {
        Dataset train = encode(training());
        assertTrue(FeatureSchema.of(train.featureInfo(), Standardizer.fitAll(train)).isEmpty(),
                "rescaled indicators are not what the schema encodes");
        List<Feature> pixels = List.of(new Feature("p0", "image", Feature.Kind.PIXEL),
                new Feature("p1", "image", Feature.Kind.PIXEL));
        Dataset images = train.withFeatures(Tensor.zeros(DType.FLOAT64, train.size(), 2), pixels, "pixels");
        assertTrue(FeatureSchema.of(pixels, Standardizer.fit(images)).isEmpty());
    }
}
