package org.equitrain.fairness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** MetricFrame: per-group values, aggregations, intersections, NaN reasons (spec §3, §5; oracles 2, 3, 6, 9). */
class MetricFrameTest {
    private static final double EPS = 1e-12;
    private static final Group A = Group.of("g", "a");
    private static final Group B = Group.of("g", "b");

    private static Map<String, Metric> rates() {
        Map<String, Metric> m = new LinkedHashMap<>();
        m.put("selection_rate", RateMetrics.SELECTION_RATE);
        m.put("tpr", RateMetrics.TRUE_POSITIVE_RATE);
        m.put("fpr", RateMetrics.FALSE_POSITIVE_RATE);
        m.put("accuracy", RateMetrics.ACCURACY);
        return m;
    }

    /** Group a: TP=2, FP=1, TN=2, FN=1 (6 rows); group b: TP=1, FP=0, TN=2, FN=1 (4 rows). */
    static FrameInput smallTable() {
        return Tables.fromConfusion(new Tables.Cell("a", 2, 1, 2, 1), new Tables.Cell("b", 1, 0, 2, 1)).build();
    }

    @Test
    void fairlearnConventionsOnASmallTableComputedByHand() {
        // Oracle 9, by hand with Fairlearn's definitions (_disaggregated_result.py):
        //   SR:  a = 3/6 = 0.5,   b = 1/4 = 0.25, overall = 4/10 = 0.4
        //   TPR: a = 2/3,         b = 1/2,        overall = 3/5
        //   FPR: a = 1/3,         b = 0,          overall = 1/5
        MetricFrame mf = MetricFrame.of(smallTable(), rates());
        assertEquals(List.of(A, B), mf.groups());
        assertEquals(0.4, mf.overall("selection_rate"), EPS);
        assertEquals(Map.of(A, 0.5, B, 0.25), mf.byGroup("selection_rate"));
        assertEquals(0.25, mf.groupMin("selection_rate").value(), EPS);
        assertEquals(0.5, mf.groupMax("selection_rate").value(), EPS);
        // difference: between_groups = max − min = 0.5 − 0.25; to_overall = max(|0.5 − 0.4|, |0.25 − 0.4|)
        assertEquals(0.25, mf.difference("selection_rate").value(), EPS);
        assertEquals(0.15, mf.difference("selection_rate", AggregateMethod.TO_OVERALL).value(), EPS);
        // ratio: between_groups = 0.25 / 0.5; to_overall = min(0.4 / 0.5, 0.25 / 0.4) (each forced ≤ 1)
        assertEquals(0.5, mf.ratio("selection_rate").value(), EPS);
        assertEquals(0.625, mf.ratio("selection_rate", AggregateMethod.TO_OVERALL).value(), EPS);
        // equal opportunity difference = 2/3 − 1/2, ratio = (1/2) / (2/3)
        assertEquals(1.0 / 6, mf.difference("tpr").value(), EPS);
        assertEquals(0.75, mf.ratio("tpr").value(), EPS);
        // FPR ratio with a zero group: 0 / (1/3) = 0, a defined value (not all groups are zero)
        assertEquals(0.0, mf.ratio("fpr").value(), EPS);
        // accuracy: a = 4/6, b = 3/4, overall 7/10
        assertEquals(0.75 - 4.0 / 6, mf.difference("accuracy").value(), EPS);
        assertEquals(Math.max(Math.abs(4.0 / 6 - 0.7), Math.abs(0.75 - 0.7)),
                mf.difference("accuracy", AggregateMethod.TO_OVERALL).value(), EPS);
        assertTrue(mf.warnings().isEmpty(), mf.warnings().toString());
    }

    @Test
    void intersectionsAreTuplesWithReadableNamesAndEmptyOnesAreNotGroups() {
        String[] sex = {"F", "F", "M", "M", "M", "F"};
        String[] race = {"x", "y", "x", "x", "x", "y"};
        int[] y = {1, 0, 1, 1, 0, 1};
        int[] p = {1, 0, 0, 1, 1, 1};
        FrameInput data = FrameInput.builder().yTrue(y).yPred(p).sensitive("sex", sex).sensitive("race", race).build();
        MetricFrame mf = MetricFrame.of(data, rates());
        Group fx = new Group(List.of("sex", "race"), List.of("F", "x"));
        Group fy = new Group(List.of("sex", "race"), List.of("F", "y"));
        Group mx = new Group(List.of("sex", "race"), List.of("M", "x"));
        assertEquals(List.of(fx, fy, mx), mf.groups()); // (M, y) has no rows: not a group
        assertEquals("sex=F, race=y", fy.name());
        assertEquals(2, mf.count(fy));
        assertEquals(2.0 / 3, mf.value("selection_rate", mx), EPS);
        assertEquals(0.5, mf.value("tpr", mx), EPS);
        // ... but it is named, with the reason, and warned about
        String reason = "intersection 'sex=M, race=y' has no rows, so it is not a group and has no metrics";
        assertEquals(Map.of(new Group(List.of("sex", "race"), List.of("M", "y")), reason), mf.emptyIntersections());
        assertEquals(1, mf.emptyIntersectionCount());
        assertTrue(mf.warnings().contains(reason), mf.warnings().toString());
    }

    @Test
    void emptyIntersectionsAreListedInGroupOrderUpToALimitAndAllCounted() {
        int n = GroupIndex.EMPTY_LISTED + 50;
        String[] a = new String[n];
        String[] b = new String[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) { // a=i with b=i%2 only: the other b of each a is empty
            a[i] = Integer.toString(n - 1 - i);
            b[i] = Integer.toString((n - 1 - i) % 2);
            y[i] = i % 2;
        }
        MetricFrame mf = MetricFrame.of(FrameInput.builder().yTrue(y).yPred(y).sensitive("a", a).sensitive("b", b)
                .build(), rates());
        assertEquals(n, mf.groups().size());
        assertEquals(n, mf.emptyIntersectionCount());
        List<String> listed = mf.emptyIntersections().keySet().stream().map(Group::name).toList();
        assertEquals(GroupIndex.EMPTY_LISTED, listed.size());
        assertEquals(List.of("a=0, b=1", "a=1, b=0", "a=2, b=1"), listed.subList(0, 3));
        assertEquals("a=99, b=0", listed.get(listed.size() - 1), "numeric levels in numeric order");
        assertTrue(mf.warnings().contains("50 more intersections have no rows (the first 100 are listed)"),
                mf.warnings().toString());
        MetricFrame one = MetricFrame.of(FrameInput.builder().yTrue(y).yPred(y).sensitive("a", a).build(), rates());
        assertTrue(one.emptyIntersections().isEmpty());
        assertEquals(0, one.emptyIntersectionCount());
    }

    @Test
    void userMetricIsAnyFunctionOfTheGroupsRows() {
        // mean prediction error weighted by the sample weight, as a user would write it
        Metric meanAbsError = Metric.of(s -> {
            double e = 0;
            for (int i = 0; i < s.size(); i++) {
                e += s.weight(i) * Math.abs(s.yTrue(i) - s.yPred(i));
            }
            return e / s.totalWeight();
        });
        MetricFrame mf = MetricFrame.of(smallTable(), Map.of("mae", meanAbsError, "err", RateMetrics.ERROR_RATE));
        for (Group g : mf.groups()) {
            assertEquals(mf.value("err", g), mf.value("mae", g), EPS);
        }
        MetricFrame nan = MetricFrame.of(smallTable(), Map.of("nan", Metric.of(s -> Double.NaN)));
        assertEquals("group 'a' is NaN", nan.reason("nan", A));
    }

    @Test
    void permutingRowsOrRenamingGroupsLeavesAggregatesUnchanged() {
        // Oracle 2
        FrameInput base = Tables.random(200, 4, 11, true).build();
        int n = base.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        FrameInput permuted = base.subset(perm);
        int[] y = new int[n];
        int[] p = new int[n];
        double[] w = new double[n];
        String[] renamed = new String[n];
        for (int i = 0; i < n; i++) {
            y[i] = permuted.yTrue(i);
            p[i] = permuted.yPred(i);
            w[i] = permuted.weight(i);
            renamed[i] = "zz-" + (9 - base.groupIndex().groupOf(perm[i])); // new names, reversed order
        }
        FrameInput renamedData = FrameInput.builder().yTrue(y).yPred(p).weights(w).sensitive("other", renamed).build();
        MetricFrame x = MetricFrame.of(base, rates());
        MetricFrame z = MetricFrame.of(renamedData, rates());
        for (String m : rates().keySet()) {
            assertEquals(x.overall(m), z.overall(m), EPS, m);
            assertEquals(x.groupMin(m).value(), z.groupMin(m).value(), EPS, m);
            assertEquals(x.groupMax(m).value(), z.groupMax(m).value(), EPS, m);
            for (AggregateMethod method : AggregateMethod.values()) {
                assertEquals(x.difference(m, method).value(), z.difference(m, method).value(), EPS, m);
                assertEquals(x.ratio(m, method).value(), z.ratio(m, method).value(), EPS, m);
            }
        }
    }

    @Test
    void ratiosOfSumsHaveTheOverallValueBetweenGroupMinAndMax() {
        // Oracle 3, on random weighted tables with 2 to 6 groups
        for (long seed = 0; seed < 20; seed++) {
            MetricFrame mf = MetricFrame.of(Tables.random(300, 2 + (int) (seed % 5), seed, true).build(), rates());
            for (String m : rates().keySet()) {
                double overall = mf.overall(m);
                assertTrue(mf.groupMin(m).value() <= overall + EPS && overall <= mf.groupMax(m).value() + EPS, m);
                assertTrue(mf.difference(m, AggregateMethod.TO_OVERALL).value()
                        <= mf.difference(m, AggregateMethod.BETWEEN_GROUPS).value() + EPS, m);
                assertTrue(mf.ratio(m, AggregateMethod.TO_OVERALL).value()
                        >= mf.ratio(m, AggregateMethod.BETWEEN_GROUPS).value() - EPS, m);
            }
        }
    }

    @Test
    void undefinedValuesAreNaNWithReasonAndSkipListsTheGroup() {
        // Oracle 6: group b has no positive labels, so its TPR is undefined
        FrameInput data = Tables.fromConfusion(new Tables.Cell("a", 2, 1, 3, 1), new Tables.Cell("b", 0, 1, 3, 0),
                new Tables.Cell("c", 1, 0, 1, 1)).build();
        MetricFrame mf = MetricFrame.of(data, rates());
        assertTrue(Double.isNaN(mf.value("tpr", B)));
        assertEquals("group 'b' has no positive labels", mf.reason("tpr", B));
        assertNull(mf.reason("tpr", A));
        assertTrue(mf.warnings().contains("tpr is NaN: group 'b' has no positive labels"), mf.warnings().toString());
        Aggregate propagated = mf.difference("tpr");
        assertTrue(Double.isNaN(propagated.value()));
        assertTrue(propagated.reason().contains("group 'b' has no positive labels"), propagated.reason());

        MetricFrame skip = MetricFrame.of(data, rates(), FrameOptions.defaults().withNanPolicy(NanPolicy.SKIP));
        Aggregate skipped = skip.difference("tpr");
        assertEquals(2.0 / 3 - 1.0 / 2, skipped.value(), EPS); // a: 2/3, c: 1/2
        assertEquals(List.of(B), skipped.skipped());
        assertEquals(0.5, skip.groupMin("tpr").value(), EPS);

        // every group selects nobody: ratio is NaN with its reason, difference is a true 0
        FrameInput none = Tables.fromConfusion(new Tables.Cell("a", 0, 0, 3, 2), new Tables.Cell("b", 0, 0, 2, 1))
                .build();
        MetricFrame zero = MetricFrame.of(none, rates());
        assertEquals(0.0, zero.difference("selection_rate").value());
        assertEquals("all groups have zero selection_rate", zero.ratio("selection_rate").reason());
        assertEquals("the overall selection_rate is zero",
                zero.ratio("selection_rate", AggregateMethod.TO_OVERALL).reason());
    }

    @Test
    void skippingAllButOneGroupLeavesNothingToCompare() {
        // spec §5: skip computes over the defined groups; a difference or ratio of one group is undefined, not 0
        FrameInput data = Tables.fromConfusion(new Tables.Cell("a", 2, 1, 3, 1), new Tables.Cell("b", 0, 2, 2, 0))
                .build();
        MetricFrame skip = MetricFrame.of(data, rates(), FrameOptions.defaults().withNanPolicy(NanPolicy.SKIP));
        for (AggregateMethod method : AggregateMethod.values()) {
            for (Aggregate a : List.of(skip.difference("tpr", method), skip.ratio("tpr", method))) {
                assertTrue(Double.isNaN(a.value()), method + ": " + a);
                assertEquals("only group 'a' has a defined tpr (group 'b' has no positive labels)", a.reason());
                assertEquals(List.of(B), a.skipped());
            }
        }
        assertEquals(2.0 / 3, skip.groupMin("tpr").value(), EPS); // the worst group of one is still that group
        assertEquals(0.5 - 0.25, skip.difference("fpr").value(), EPS); // FPR is defined in both: a 1/4, b 1/2
    }

    @Test
    void oneGroupHasNoDisparityAndAWarning() {
        // Fairlearn reports 0 and 1 here; equitrain says there is nothing to compare (spec §5)
        FrameInput data = Tables.fromConfusion(new Tables.Cell("a", 2, 1, 3, 1)).build();
        MetricFrame mf = MetricFrame.of(data, rates());
        for (AggregateMethod method : AggregateMethod.values()) {
            Aggregate d = mf.difference("selection_rate", method);
            assertTrue(Double.isNaN(d.value()), method + ": " + d);
            assertEquals("there is only one group, 'a'", d.reason());
            assertTrue(Double.isNaN(mf.ratio("selection_rate", method).value()));
        }
        assertEquals(mf.overall("accuracy"), mf.groupMax("accuracy").value(), EPS);
        assertTrue(mf.warnings().contains("sensitive column 'g' has one value, 'a': differences and ratios between"
                + " groups are undefined"), mf.warnings().toString());
    }

    @Test
    void anIntersectionWithAOneValueColumnIsStillCompared() {
        FrameInput data = Tables.fromConfusion(new Tables.Cell("a", 2, 1, 3, 1), new Tables.Cell("b", 1, 0, 2, 1))
                .sensitive("site", new String[] {"x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x"}).build();
        MetricFrame mf = MetricFrame.of(data, rates());
        assertEquals(2, mf.groups().size());
        assertTrue(mf.difference("selection_rate").isDefined());
        assertEquals(List.of("sensitive column 'site' has one value, 'x': it does not split the groups"),
                mf.warnings());
    }

    @Test
    void overallUndefinedMakesToOverallAggregatesUndefined() {
        FrameInput data = Tables.fromConfusion(new Tables.Cell("a", 0, 1, 2, 0), new Tables.Cell("b", 0, 0, 3, 0))
                .build();
        MetricFrame mf = MetricFrame.of(data, rates(), FrameOptions.defaults().withNanPolicy(NanPolicy.SKIP));
        assertEquals("the table has no positive labels", mf.overallReason("tpr"));
        assertEquals("the table has no positive labels", mf.difference("tpr", AggregateMethod.TO_OVERALL).reason());
        assertTrue(mf.difference("tpr").reason().startsWith("no group has a defined tpr"));
    }

    @Test
    void smallGroupsAreReportedWithAWarning() {
        MetricFrame mf = MetricFrame.of(smallTable(), rates(), FrameOptions.defaults().withMinGroupSize(5));
        assertEquals(List.of("group 'b' has 4 rows, fewer than minGroupSize 5"), mf.warnings());
    }

    @Test
    void adverseImpactRatioIsRelativeToTheLargestGroup() {
        MetricFrame mf = MetricFrame.of(smallTable(), rates());
        assertEquals(A, mf.largestGroup());
        Map<Group, MetricValue> air = mf.adverseImpactRatio("selection_rate");
        assertEquals(1.0, air.get(A).value(), EPS);
        assertEquals(0.25 / 0.5, air.get(B).value(), EPS);
        Map<Group, MetricValue> toB = mf.adverseImpactRatio("fpr", B);
        assertFalse(toB.get(A).isDefined());
        assertEquals("has a reference group 'b' with zero fpr", toB.get(A).reason());
    }

    @Test
    void missingSensitiveValuesAreAnErrorOrTheirOwnGroup() {
        int[] y = {1, 0, 1};
        String[] sex = {"F", null, "M"};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameInput.builder().yTrue(y).yPred(y).sensitive("sex", sex).build());
        assertEquals("sensitive column 'sex' has a missing value at row 1 (turn on naAsGroup to make missing values"
                + " their own group)", e.getMessage());
        FrameInput data = FrameInput.builder().yTrue(y).yPred(y).sensitive("sex", sex).naAsGroup(true).build();
        assertEquals(List.of("F", "M", "NA"), data.groups().stream().map(Group::name).toList());
    }

    @Test
    void inputErrorsNameTheArrayRowAndValue() {
        assertEquals("yPred has 2 rows but yTrue has 3", assertThrows(IllegalArgumentException.class,
                () -> FrameInput.builder().yTrue(new int[3]).yPred(new int[2]).sensitive("g", new int[3]).build())
                .getMessage());
        assertEquals("scores row 1: 1.5 is not a probability in [0, 1]", assertThrows(IllegalArgumentException.class,
                () -> FrameInput.builder().yTrue(new int[2]).yPred(new int[2]).scores(new double[] {0.5, 1.5})
                        .sensitive("g", new int[2]).build()).getMessage());
        assertEquals("yTrue row 0: label -1 is not a class in 0..1", assertThrows(IllegalArgumentException.class,
                () -> FrameInput.builder().yTrue(new int[] {-1}).yPred(new int[1]).sensitive("g", new int[1])
                        .build()).getMessage());
        MetricFrame mf = MetricFrame.of(smallTable(), rates());
        assertThrows(IllegalArgumentException.class, () -> mf.overall("recall"));
        assertThrows(IllegalArgumentException.class, () -> mf.value("tpr", Group.of("g", "zz")));
    }

    @Test
    void aSensitiveColumnNameGivenTwiceOrANegativeClassCountIsRefused() {
        int[] y = {0, 1, 1};
        assertEquals("sensitive column 'g' is given twice; each column needs its own name",
                assertThrows(IllegalArgumentException.class, () -> FrameInput.builder().yTrue(y).yPred(y)
                        .sensitive("g", new String[] {"a", "b", "a"}).sensitive("g", new String[] {"m", "m", "f"})
                        .build()).getMessage());
        assertEquals("numClasses must be 1 or more, got -5", assertThrows(IllegalArgumentException.class,
                () -> FrameInput.builder().numClasses(-5)).getMessage());
    }

    @Test
    void statisticsFlattenEveryValueAndAggregate() {
        MetricFrame mf = MetricFrame.of(smallTable(), rates());
        Map<String, Double> s = mf.statistics();
        assertEquals(mf.difference("tpr").value(),
                s.get(StatisticKey.difference("tpr", AggregateMethod.BETWEEN_GROUPS)), EPS);
        assertEquals(0.25, s.get("selection_rate/by_group/b"), EPS);
        assertEquals(4 * (1 + 2 + 2 + 4), s.size()); // overall, 2 groups, min, max, 2 differences, 2 ratios
    }
}
