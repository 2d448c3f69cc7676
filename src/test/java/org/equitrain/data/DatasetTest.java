package org.equitrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.equitrain.tensor.Permutations;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DatasetTest {
    @Test
    void selectKeepsEveryColumnAligned() {
        Dataset d = Fixtures.tabular(50, 1);
        int[] rows = {7, 3, 3, 49};
        Dataset s = d.select(rows);
        assertEquals(4, s.size());
        assertArrayEquals(rows, Fixtures.ids(s));
        assertArrayEquals(rows, s.rowIds());
        for (int i = 0; i < rows.length; i++) {
            assertEquals(d.label(rows[i]), s.label(i));
            assertEquals(d.group("sex").code(rows[i]), s.group("sex").code(i));
            assertEquals(d.features().get(rows[i], 1), s.features().get(i, 1));
        }
        // row ids compose: selecting from a selection still names the original rows
        assertArrayEquals(new int[] {49, 7}, s.select(new int[] {3, 0}).rowIds());
        assertThrows(IndexOutOfBoundsException.class, () -> d.select(new int[] {50}));
    }

    @Test
    void imagesAreStoredFlatAndReshapedOnDemand() {
        Tensor img = Tensor.zeros(DType.FLOAT32, 2, 1, 2, 3);
        img.set(5f, 1, 0, 1, 2);
        Dataset d = Dataset.builder("img").images(img)
                .labels(new CategoricalColumn("digit", new int[] {0, 1}, List.of("0", "1"))).build();
        assertEquals(6, d.featureCount());
        assertArrayEquals(new int[] {2, 6}, d.features().dims());
        assertArrayEquals(new int[] {2, 1, 2, 3}, d.images().dims());
        assertEquals(5.0, d.images().get(1, 0, 1, 2));
        assertEquals(5.0, d.select(new int[] {1}).images().get(0, 0, 1, 2));
        assertEquals(Feature.Kind.PIXEL, d.featureInfo().get(0).kind());
    }

    @Test
    void rejectsMissingLabelsAndMismatchedRows() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 3, 1);
        List<Feature> f = List.of(new Feature("a", "a", Feature.Kind.NUMERIC));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.builder("bad")
                .features(x, f).labels(new CategoricalColumn("y", new int[] {0, -1, 1}, List.of("n", "p"))).build());
        assertTrue(e.getMessage().contains("'y'") && e.getMessage().contains("row 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.builder("bad").features(x, f)
                .labels(new CategoricalColumn("y", new int[] {0, 1}, List.of("n", "p"))).build());
    }

    @Test
    void minibatchesCoverEachEpochOnceAndAreSeeded() {
        Minibatches mb = new Minibatches(103, 10, 42);
        assertEquals(11, mb.batchesPerEpoch());
        for (int epoch = 0; epoch < 3; epoch++) {
            List<int[]> batches = mb.epoch(epoch);
            assertEquals(3, batches.get(10).length);
            int[] all = batches.stream().flatMapToInt(Arrays::stream).sorted().toArray();
            assertArrayEquals(Permutations.identity(103), all);
        }
        assertArrayEquals(mb.epoch(1).get(0), new Minibatches(103, 10, 42).epoch(1).get(0));
        assertFalse(Arrays.equals(mb.epoch(0).get(0), mb.epoch(1).get(0)));
        assertFalse(Arrays.equals(mb.epoch(0).get(0), new Minibatches(103, 10, 43).epoch(0).get(0)));
        assertEquals(10, mb.dropLast().epoch(0).size());
    }

    @Test
    void subsamplingKeepsTheRequestedFractionOfOneClassOrGroup() {
        Dataset d = Fixtures.tabular(400, 2);
        int pos = d.labelColumn().counts()[1];
        Dataset s = d.subsampleClass(1, 0.25, 9);
        assertEquals(Math.round(0.25 * pos), s.labelColumn().counts()[1]);
        assertEquals(d.labelColumn().counts()[0], s.labelColumn().counts()[0]);
        int[] ids = Fixtures.ids(s);
        for (int i = 1; i < ids.length; i++) {
            assertTrue(ids[i] > ids[i - 1], "rows keep their order");
        }
        assertArrayEquals(ids, Fixtures.ids(d.subsampleClass(1, 0.25, 9)));
        Dataset g = d.subsampleGroup("sex", "F", 0.1, 3);
        assertEquals(Math.round(0.1 * d.group("sex").counts()[0]), g.group("sex").counts()[0]);
        assertEquals(d.group("sex").counts()[1], g.group("sex").counts()[1]);
        assertTrue(g.provenance().steps().get(0).contains("sex=F"));
        assertThrows(IllegalArgumentException.class, () -> d.subsampleGroup("sex", "X", 0.1, 3));
    }

    @Test
    void intersectionNamesObservedCombinationsOnly() {
        Dataset d = Fixtures.tabular(300, 3);
        // make one combination empty: no row has sex=F and race=c
        int[] rows = java.util.stream.IntStream.range(0, d.size())
                .filter(i -> !(d.group("sex").code(i) == 0 && d.group("race").code(i) == 2)).toArray();
        Dataset e = d.select(rows).withIntersectedGroup("sex×race", "sex", "race");
        CategoricalColumn g = e.group("sex×race");
        assertEquals(List.of("sex=F & race=a", "sex=F & race=b", "sex=M & race=a", "sex=M & race=b",
                "sex=M & race=c"), g.levels());
        for (int i = 0; i < e.size(); i++) {
            assertEquals("sex=" + e.group("sex").level(i) + " & race=" + e.group("race").level(i), g.level(i));
        }
    }

    @Test
    void labelCorruptionFlipsExactlyTheRequestedShareOfOneGroup() {
        Dataset d = Fixtures.tabular(500, 4);
        int females = d.group("sex").counts()[0];
        Dataset c = d.corruptLabels(LabelCorruption.uniformOther(0.4), "sex", "F", 11);
        int[] rows = c.corruptedRows();
        assertEquals(Math.round(0.4 * females), rows.length);
        int[] clean = c.cleanLabels();
        assertArrayEquals(d.labels(), clean);
        for (int i = 0; i < c.size(); i++) {
            if (c.isCorrupted(i)) {
                assertEquals("F", c.group("sex").level(i));
                assertTrue(c.label(i) != clean[i], "uniformOther always changes the label");
            } else {
                assertEquals(clean[i], c.label(i));
            }
        }
        // corruption marks travel with the rows through a split
        Split s = c.split(0.5, 0.1, 5);
        int marked = s.train().corruptedRows().length + s.heldOut().corruptedRows().length
                + s.test().corruptedRows().length;
        assertEquals(rows.length, marked);
        Dataset bg = d.corruptLabels(LabelCorruption.toClass(0, 1.0), null, null, 1);
        assertTrue(Arrays.stream(bg.labels()).allMatch(v -> v == 0));
        assertEquals(d.size(), bg.corruptedRows().length);
    }

    @Test
    void standardizerUsesTrainingStatisticsOnly() {
        Dataset d = Fixtures.tabular(200, 5);
        Split s = d.split(0.6, 0.0, 1);
        Standardizer st = Standardizer.fit(s.train());
        Dataset tr = st.apply(s.train());
        int n = tr.size();
        double mean = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            mean += tr.features().get(i, 1);
            sq += tr.features().get(i, 1) * tr.features().get(i, 1);
        }
        assertEquals(0, mean / n, 1e-12);
        assertEquals(1, sq / n, 1e-9);
        Dataset te = st.apply(s.test());
        double raw = s.test().features().get(0, 1);
        assertEquals((raw - st.means()[1]) / st.sds()[1], te.features().get(0, 1), 1e-12);
        // the indicator-kind column is left alone
        assertEquals(s.test().features().get(0, 2), te.features().get(0, 2));
        assertThrows(IllegalArgumentException.class, () -> st.apply(d.withFeatures(
                Tensor.zeros(DType.FLOAT64, d.size(), 1), List.of(new Feature("q", "q", Feature.Kind.NUMERIC)), "x")));
    }

    @Test
    void standardizerHandlesFeaturesWhoseSquaresOverflow() {
        Dataset d = Fixtures.tabular(50, 3);
        Tensor huge = d.features().copy();
        for (int i = 0; i < d.size(); i++) {
            huge.set(huge.get(i, 1) * 1e160, i, 1);
        }
        Dataset big = d.withFeatures(huge, d.featureInfo(), "feature u times 1e160");
        Standardizer plain = Standardizer.fit(d);
        Standardizer st = Standardizer.fit(big);
        assertEquals(plain.sds()[1] * 1e160, st.sds()[1], 1e-9 * st.sds()[1]);
        Dataset z = st.apply(big);
        Dataset expected = plain.apply(d);
        for (int i = 0; i < d.size(); i++) {
            assertEquals(expected.features().get(i, 1), z.features().get(i, 1), 1e-9);
        }
    }
}
