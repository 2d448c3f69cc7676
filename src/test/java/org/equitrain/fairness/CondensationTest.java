package org.equitrain.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.equitrain.data.Rows;
import org.equitrain.nn.Params;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * FORML condensation (forml.md §8): which rows are kept (count, ties, zero weights), the two baselines of the same
 * size, and a retraining that sees the kept rows only.
 */
class CondensationTest {
    private final TrainerFixture f = new TrainerFixture();

    @Test
    void keptCountRoundsHalvesUpAndKeepsAtLeastOneRow() {
        assertEquals(3, Condensation.keptCount(10, 0.25), "2.5 rounds up");
        assertEquals(4, Condensation.keptCount(7, 0.5), "3.5 rounds up");
        assertEquals(2, Condensation.keptCount(7, 0.3), "2.1 rounds down");
        assertEquals(1, Condensation.keptCount(4, 0.1), "0.4 would keep nothing");
        assertEquals(9, Condensation.keptCount(9, 1.0));
        for (double bad : new double[] {0, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Condensation.keptCount(10, bad));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }

    @Test
    void topRowsAreTheLargestWeightsWithTiesToTheLowerPosition() {
        double[] w = {0.5, 2, 1, 0.5, 2, 0.5};
        assertArrayEquals(new int[] {1, 4}, Condensation.topRows(w, 2));
        assertArrayEquals(new int[] {1, 2, 4}, Condensation.topRows(w, 3));
        assertArrayEquals(new int[] {0, 1, 2, 4}, Condensation.topRows(w, 4), "of the tied 0.5s the first");
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, Condensation.topRows(w, 5));
        assertArrayEquals(new int[] {}, Condensation.topRows(w, 0));
    }

    @Test
    void zeroWeightsAreKeptOnlyAfterEveryPositiveWeight() {
        double[] w = {0, 1e-9, 0, 3, -0.0, 0};
        assertArrayEquals(new int[] {3}, Condensation.topRows(w, 1));
        assertArrayEquals(new int[] {1, 3}, Condensation.topRows(w, 2), "a tiny positive weight beats a zero");
        assertArrayEquals(new int[] {0, 1, 3}, Condensation.topRows(w, 3), "then the zeros, first position first");
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, Condensation.topRows(w, 5), "-0.0 ties with 0");
    }

    @Test
    void everyKeptRowWeighsAtLeastAsMuchAsEveryDroppedRow() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] w = new double[200];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextInt(4) == 0 ? 0 : Math.floor(rng.nextDouble() * 20) / 10; // many ties and zeros
        }
        int[] kept = Condensation.topRows(w, Condensation.keptCount(w.length, 0.3));
        assertEquals(60, kept.length);
        boolean[] in = new boolean[w.length];
        for (int i = 0; i < kept.length; i++) {
            in[kept[i]] = true;
            assertTrue(i == 0 || kept[i] > kept[i - 1], "ascending and distinct");
        }
        double minKept = Arrays.stream(kept).mapToDouble(i -> w[i]).min().orElseThrow();
        for (int i = 0; i < w.length; i++) {
            if (!in[i]) {
                assertTrue(w[i] <= minKept, "dropped row " + i + " weighs " + w[i] + " > " + minKept);
            }
        }
    }

    @Test
    void weightsThatCannotBeRankedAndImpossibleCountsAreErrors() {
        assertEquals("condensation ranks finite weights of 0 or more; row 1 has weight -0.5",
                assertThrows(IllegalArgumentException.class, () -> Condensation.topRows(new double[] {1, -0.5}, 1))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Condensation.topRows(new double[] {1, Double.NaN}, 1));
        assertEquals("condensation cannot keep 3 of 2 rows", assertThrows(IllegalArgumentException.class,
                () -> Condensation.topRows(new double[] {1, 2}, 3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Condensation.randomRows(5, 6, 0));
        assertThrows(IllegalArgumentException.class, () -> Condensation.stratifiedRows(f.train, -1, 0));
    }

    @Test
    void randomRowsAreASeededSampleOfDistinctRows() {
        int[] a = Condensation.randomRows(100, 30, 5);
        assertEquals(30, a.length);
        assertEquals(30, Arrays.stream(a).distinct().count());
        assertTrue(Arrays.stream(a).allMatch(i -> i >= 0 && i < 100));
        assertArrayEquals(a, Arrays.stream(a).sorted().toArray());
        assertArrayEquals(a, Condensation.randomRows(100, 30, 5), "same seed, same rows");
        assertFalse(Arrays.equals(a, Condensation.randomRows(100, 30, 6)), "another seed, other rows");
    }

    @Test
    void stratifiedRowsKeepEachCellsShareAndTheExactSize() {
        GroupedData data = SyntheticGroups.of(97, 3, 21);
        int cells = data.groupCount() * data.classes();
        int[] all = cellCounts(data, null);
        for (int k : new int[] {1, 10, 24, 49, 97}) {
            int[] rows = Condensation.stratifiedRows(data, k, 8);
            assertEquals(k, rows.length);
            assertEquals(k, Arrays.stream(rows).distinct().count());
            int[] kept = cellCounts(data, rows);
            for (int c = 0; c < cells; c++) {
                double share = (double) k * all[c] / data.size();
                assertTrue(kept[c] == Math.floor(share) || kept[c] == Math.ceil(share),
                        "k " + k + ", cell " + c + ": " + kept[c] + " rows for a share of " + share);
            }
            assertArrayEquals(rows, Condensation.stratifiedRows(data, k, 8), "seeded");
        }
        assertFalse(Arrays.equals(Condensation.stratifiedRows(data, 40, 8), Condensation.stratifiedRows(data, 40, 9)));
    }

    private static int[] cellCounts(GroupedData data, int[] rows) {
        int[] counts = new int[data.groupCount() * data.classes()];
        int[] r = rows != null ? rows : TrainerFixture.range(0, data.size());
        for (int i : r) {
            counts[data.group()[i] * data.classes() + data.y()[i]]++;
        }
        return counts;
    }

    @Test
    void retrainingRefusesRowsThatAreNotAscendingPositionsOfTheTrainingSet() {
        ReweightedTraining.Config config = ReweightedTraining.Config.defaults();
        int n = f.train.size();
        assertEquals("condensation: kept row " + n + " is not a position in 0.." + (n - 1),
                assertThrows(IllegalArgumentException.class, () -> Condensation.retraining(f.model, f.train,
                        new int[] {3, n}, config)).getMessage());
        assertEquals("condensation: kept row -1 is not a position in 0.." + (n - 1),
                assertThrows(IllegalArgumentException.class, () -> Condensation.retraining(f.model, f.train,
                        new int[] {-1, 2}, config)).getMessage());
        assertEquals("condensation: kept rows must be ascending without repeats; 5 follows 5",
                assertThrows(IllegalArgumentException.class, () -> Condensation.retraining(f.model, f.train,
                        new int[] {1, 5, 5}, config)).getMessage());
        assertEquals("condensation: kept rows must be ascending without repeats; 2 follows 7",
                assertThrows(IllegalArgumentException.class, () -> Condensation.retraining(f.model, f.train,
                        new int[] {7, 2}, config)).getMessage());
    }

    @Test
    void retrainingSeesOnlyTheKeptRowsAndStartsFromTheSeed() {
        // FORML's weights rank the rows; ERM on the kept rows equals ERM on a table of exactly those rows
        ReweightedTraining.Config config = ReweightedTraining.Config.defaults().withLr(0.1).withBatchSize(8)
                .withEpochs(3).withSeed(4);
        ReweightedTraining forml = new ReweightedTraining(f.model, f.train, new FormlTrainer(f.heldOut,
                FormlOptions.defaults().withSeed(4)), config).fit();
        int[] kept = Condensation.topRows(forml.method().weights(), Condensation.keptCount(f.train.size(), 0.4));
        Params condensed = Condensation.retraining(f.model, f.train, kept, config).fit().params();

        GroupedData onlyKept = new GroupedData(Rows.select(f.train.x(), kept), Rows.pick(f.train.y(), kept),
                Rows.pick(f.train.group(), kept), f.train.groupNames(), f.train.favourable(), f.train.classes());
        assertSameValues(new ReweightedTraining(f.model, onlyKept, new ErmTrainer(), config).fit().params(),
                condensed);

        // the dropped rows do not matter: scramble their features and labels, retrain, same parameters
        GroupedData scrambled = new GroupedData(f.train.x().copy(), f.train.y().clone(), f.train.group(),
                f.train.groupNames(), f.train.favourable(), f.train.classes());
        boolean[] in = new boolean[f.train.size()];
        Arrays.stream(kept).forEach(i -> in[i] = true);
        for (int i = 0; i < in.length; i++) {
            if (!in[i]) {
                scrambled.y()[i] = 1 - scrambled.y()[i];
                for (int j = 0; j < scrambled.x().dim(1); j++) {
                    scrambled.x().setFlat(i * scrambled.x().dim(1) + j, 100.0 * (j + 1));
                }
            }
        }
        assertSameValues(condensed, Condensation.retraining(f.model, scrambled, kept, config).fit().params());
        Params everyRow = Condensation.retraining(f.model, f.train, TrainerFixture.range(0, f.train.size()), config)
                .fit().params();
        assertFalse(everyRow.tensors().get(0).getFlat(0) == condensed.tensors().get(0).getFlat(0),
                "all rows give another model");
    }

    private static void assertSameValues(Params expected, Params actual) {
        assertEquals(expected.names(), actual.names());
        for (int k = 0; k < expected.names().size(); k++) {
            Tensor a = expected.tensors().get(k);
            Tensor b = actual.tensors().get(k);
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.getFlat(i), b.getFlat(i), 0.0, expected.names().get(k) + "[" + i + "]");
            }
        }
    }
}
