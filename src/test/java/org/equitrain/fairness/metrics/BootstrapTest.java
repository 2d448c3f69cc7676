package org.equitrain.fairness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bootstrap intervals (spec §6; oracle 7). */
class BootstrapTest {
    private static final BootstrapOptions QUICK = BootstrapOptions.defaults().withNBoot(200);

    private static Map<String, Metric> metrics() {
        Map<String, Metric> m = new LinkedHashMap<>();
        m.put("count", RateMetrics.COUNT);
        m.put("selection_rate", RateMetrics.SELECTION_RATE);
        m.put("tpr", RateMetrics.TRUE_POSITIVE_RATE);
        return m;
    }

    @Test
    void sameSeedGivesIdenticalIntervalsAndAnotherSeedDiffers() {
        FrameInput data = Tables.random(300, 3, 5, true).build();
        BootstrapIntervals a = Bootstrap.metricFrame(data, metrics(), FrameOptions.defaults(), QUICK.withSeed(42));
        BootstrapIntervals b = Bootstrap.metricFrame(data, metrics(), FrameOptions.defaults(), QUICK.withSeed(42));
        BootstrapIntervals c = Bootstrap.metricFrame(data, metrics(), FrameOptions.defaults(), QUICK.withSeed(43));
        assertEquals(a.all(), b.all());
        assertNotEquals(a.all(), c.all());
        BootstrapIntervals sequential = Bootstrap.metricFrame(data, metrics(), FrameOptions.defaults(),
                QUICK.withSeed(42).withParallel(false));
        assertEquals(a.all(), sequential.all());
        MetricFrame mf = MetricFrame.of(data, metrics());
        Interval sr = a.overall("selection_rate");
        assertTrue(sr.low() < mf.overall("selection_rate") && mf.overall("selection_rate") < sr.high(), sr.toString());
        assertEquals(200, sr.used());
    }

    @Test
    void intervalNarrowsAsTheSampleGrows() {
        FrameInput small = Tables.random(200, 2, 9, false).build();
        int[] rows = new int[small.size() * 16];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i % small.size();
        }
        FrameInput large = small.subset(rows); // same proportions, 16 times the rows
        BootstrapIntervals s = Bootstrap.metricFrame(small, metrics(), FrameOptions.defaults(), QUICK);
        BootstrapIntervals l = Bootstrap.metricFrame(large, metrics(), FrameOptions.defaults(), QUICK);
        for (String key : new String[] {StatisticKey.overall("selection_rate"),
            StatisticKey.difference("tpr", AggregateMethod.BETWEEN_GROUPS), StatisticKey.groupMin("tpr")}) {
            double ws = s.get(key).width();
            double wl = l.get(key).width();
            // width scales like 1/√n: 16× the rows gives about a quarter of the width
            assertTrue(wl < 0.5 * ws, key + ": " + wl + " vs " + ws);
        }
    }

    @Test
    void stratifiedResamplingNeverLosesAGroupWhileUnstratifiedCan() {
        // 196 rows in group a, 4 in group b (one of them a positive)
        int n = 200;
        int[] y = new int[n];
        int[] p = new int[n];
        String[] g = new String[n];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            g[i] = i < 196 ? "a" : "b";
            y[i] = i < 196 ? rng.nextInt(2) : (i == 196 ? 1 : 0);
            p[i] = rng.nextInt(2);
        }
        FrameInput data = FrameInput.builder().yTrue(y).yPred(p).sensitive("g", g).build();
        Group b = Group.of("g", "b");
        for (int r = 0; r < 100; r++) {
            int[] rows = Bootstrap.resample(data, Stratify.GROUP, new SplittableRandom(r));
            MetricFrame mf = MetricFrame.of(data.subset(rows), metrics());
            assertEquals(4, mf.count(b)); // every group present, with its size
        }
        BootstrapIntervals strat = Bootstrap.metricFrame(data, metrics(), FrameOptions.defaults(), QUICK);
        assertEquals(0, strat.byGroup("count", b).dropped());
        assertEquals(4.0, strat.byGroup("count", b).low());
        // b's single positive is missing from about (3/4)^4 ≈ 32% of replicates: TPR NaN, dropped and counted
        Interval tprB = strat.byGroup("tpr", b);
        assertTrue(tprB.dropped() > 30 && tprB.dropped() < 100, tprB.toString());
        assertEquals(200, tprB.dropped() + tprB.used());
        BootstrapIntervals plain = Bootstrap.metricFrame(data, metrics(), FrameOptions.defaults(),
                QUICK.withStratify(Stratify.NONE));
        // P(no row of b among 200 draws) = (196/200)^200 ≈ 1.8%: some replicates lose the group
        assertTrue(plain.byGroup("count", b).dropped() > 0, plain.byGroup("count", b).toString());
    }

    @Test
    void anyStatisticCanBeBootstrapped() {
        FrameInput data = Tables.random(200, 2, 4, false).build();
        BootstrapIntervals ci = Bootstrap.run(data, d -> Map.of(StatisticKey.disparity("demographic_parity_difference"),
                Disparities.of(d).demographicParityDifference().value()), QUICK);
        Interval dp = ci.get(StatisticKey.disparity("demographic_parity_difference"));
        double value = Disparities.of(data).demographicParityDifference().value();
        assertTrue(dp.low() <= value && value <= dp.high(), dp + " vs " + value);
    }

    @Test
    void countsWhoseValuesCannotBeKeptAreRefusedBeforeAnyResample() {
        FrameInput data = Tables.random(50, 2, 1, false).build();
        int[] calls = {0};
        BootstrapMemoryException e = assertThrows(BootstrapMemoryException.class, () -> Bootstrap.run(data, d -> {
            calls[0]++;
            return Map.of("n", (double) d.size());
        }, BootstrapOptions.defaults().withNBoot(Integer.MAX_VALUE)));
        assertEquals(1, calls[0], "only the full data's statistics, for their keys");
        assertTrue(e.maxResamples() < Integer.MAX_VALUE);
    }

    @Test
    void aStatisticsExceptionInAParallelResampleComesBackAsItWasThrown() {
        FrameInput data = Tables.random(100, 2, 2, false).build();
        IllegalArgumentException undefined = new IllegalArgumentException("my metric: a resample without positives");
        int[] calls = {0};
        assertSame(undefined, assertThrows(IllegalArgumentException.class, () -> Bootstrap.run(data, d -> {
            if (calls[0]++ > 0) { // the full data's call passes; the resamples, on pool threads, fail
                throw undefined;
            }
            return Map.of("n", (double) d.size());
        }, BootstrapOptions.defaults().withNBoot(200))));
    }

    @Test
    void aSubsetRowOutsideTheInputIsNamed() {
        FrameInput data = Tables.random(10, 2, 1, false).build();
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> data.subset(new int[] {0, 10}));
        assertEquals("FrameInput.subset: row index 10 at position 1 is outside 0..9 (10 rows)", e.getMessage());
    }
}
