package org.equitrain.fairness.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The named disparity metrics of spec §4. Unsigned Fairlearn forms (the default) compare all groups; multiclass
 * tasks are read one-vs-rest per class (each class that occurs as a label or a prediction) and combined with
 * {@link ClassAgg}. Signed AIF360 forms compare an explicit
 * privileged group with all other rows pooled (AIF360's unprivileged complement), for the favourable label.
 */
public final class Disparities {
    static final String SR = "selection_rate";
    static final String TPR = "true_positive_rate";
    static final String FPR = "false_positive_rate";

    private final FrameInput data;
    private final DisparityOptions options;
    private final List<Integer> classes = new ArrayList<>();
    private final List<MetricFrame> frames = new ArrayList<>();

    private Disparities(FrameInput data, DisparityOptions options) {
        this.data = data;
        this.options = options;
        Map<String, Metric> metrics = new LinkedHashMap<>();
        metrics.put(SR, RateMetrics.SELECTION_RATE);
        metrics.put(TPR, RateMetrics.TRUE_POSITIVE_RATE);
        metrics.put(FPR, RateMetrics.FALSE_POSITIVE_RATE);
        FrameOptions frameOptions = FrameOptions.defaults().withNanPolicy(options.nanPolicy());
        if (data.isBinary()) {
            classes.add(data.favourable());
        } else {
            boolean[] seen = new boolean[data.numClasses()];
            for (int i = 0; i < data.size(); i++) {
                seen[data.yTrue(i)] = true;
                seen[data.yPred(i)] = true;
            }
            for (int k = 0; k < seen.length; k++) {
                if (seen[k]) { // a class no row has or predicts has nothing to compare
                    classes.add(k);
                }
            }
        }
        for (int k : classes) {
            frames.add(MetricFrame.of(data.withFavourable(k), metrics, frameOptions));
        }
    }

    /** The disparities of {@code data} with {@link DisparityOptions#defaults()}. */
    public static Disparities of(FrameInput data) {
        return of(data, DisparityOptions.defaults());
    }

    /** The disparities of {@code data}; the per-class metric frames are computed here. */
    public static Disparities of(FrameInput data, DisparityOptions options) {
        return new Disparities(data, options);
    }

    /** Difference of selection rates. */
    public Aggregate demographicParityDifference() {
        return acrossClasses(f -> f.difference(SR, options.method()), Combine.MAX);
    }

    /** Ratio of selection rates (disparate impact; the four-fifths rule asks ≥ 0.8). */
    public Aggregate demographicParityRatio() {
        return acrossClasses(f -> f.ratio(SR, options.method()), Combine.MIN);
    }

    /** Difference of true positive rates (the "EO gap" FORML targets). */
    public Aggregate equalOpportunityDifference() {
        return acrossClasses(f -> f.difference(TPR, options.method()), Combine.MAX);
    }

    /** Ratio of true positive rates. */
    public Aggregate equalOpportunityRatio() {
        return acrossClasses(f -> f.ratio(TPR, options.method()), Combine.MIN);
    }

    /** worst_case: max(TPR difference, FPR difference); mean: their average (Fairlearn). */
    public Aggregate equalizedOddsDifference(OddsAgg agg) {
        Combine c = agg == OddsAgg.WORST_CASE ? Combine.MAX : Combine.MEAN;
        return acrossClasses(f -> combine(List.of(f.difference(TPR, options.method()),
                f.difference(FPR, options.method())), List.of("TPR", "FPR"), c), Combine.MAX);
    }

    /** worst_case: min(TPR ratio, FPR ratio); mean: their average (Fairlearn). */
    public Aggregate equalizedOddsRatio(OddsAgg agg) {
        Combine c = agg == OddsAgg.WORST_CASE ? Combine.MIN : Combine.MEAN;
        return acrossClasses(f -> combine(List.of(f.ratio(TPR, options.method()), f.ratio(FPR, options.method())),
                List.of("TPR", "FPR"), c), Combine.MIN);
    }

    /** The unsigned named metrics under their snake_case names, equalized odds with {@code worst_case}. */
    public Map<String, Aggregate> summary() {
        Map<String, Aggregate> s = new LinkedHashMap<>();
        s.put("demographic_parity_difference", demographicParityDifference());
        s.put("demographic_parity_ratio", demographicParityRatio());
        s.put("equal_opportunity_difference", equalOpportunityDifference());
        s.put("equal_opportunity_ratio", equalOpportunityRatio());
        s.put("equalized_odds_difference", equalizedOddsDifference(OddsAgg.WORST_CASE));
        s.put("equalized_odds_ratio", equalizedOddsRatio(OddsAgg.WORST_CASE));
        return s;
    }

    /** AIF360 {@code statistical_parity_difference} = SR_u − SR_p. */
    public MetricValue statisticalParityDifference(Group privileged) {
        return signed(privileged, RateMetrics.SELECTION_RATE, "selection rate", false);
    }

    /** AIF360 {@code disparate_impact} = SR_u / SR_p. */
    public MetricValue disparateImpact(Group privileged) {
        return signed(privileged, RateMetrics.SELECTION_RATE, "selection rate", true);
    }

    /** AIF360 {@code equal_opportunity_difference} = TPR_u − TPR_p. */
    public MetricValue signedEqualOpportunityDifference(Group privileged) {
        return signed(privileged, RateMetrics.TRUE_POSITIVE_RATE, "true positive rate", false);
    }

    /** AIF360 {@code average_odds_difference} = ½[(FPR_u − FPR_p) + (TPR_u − TPR_p)]. */
    public MetricValue averageOddsDifference(Group privileged) {
        return odds(privileged, false);
    }

    /** AIF360 {@code average_abs_odds_difference} = ½[|FPR_u − FPR_p| + |TPR_u − TPR_p|]. */
    public MetricValue averageAbsOddsDifference(Group privileged) {
        return odds(privileged, true);
    }

    /**
     * Two-sided Fisher exact p-value that groups {@code a} and {@code b} have the same selection rate (H2O-3), on the
     * unweighted counts of favourable and other predictions.
     */
    public double selectionRateFisherP(Group a, Group b) {
        long[] ca = selections(a);
        long[] cb = selections(b);
        return FisherExact.twoSided(ca[0], ca[1], cb[0], cb[1]);
    }

    /** Warnings of the underlying frames (prefixed with the class in multiclass tasks). */
    public List<String> warnings() {
        Set<String> w = new LinkedHashSet<>();
        for (int c = 0; c < frames.size(); c++) {
            for (String s : frames.get(c).warnings()) {
                w.add(frames.size() > 1 ? "class " + data.className(classes.get(c)) + ": " + s : s);
            }
        }
        return List.copyOf(w);
    }

    private enum Combine { MAX, MIN, MEAN }

    private Aggregate acrossClasses(Function<MetricFrame, Aggregate> perClass, Combine worst) {
        if (frames.size() == 1) {
            return perClass.apply(frames.get(0));
        }
        List<Aggregate> parts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < frames.size(); c++) {
            parts.add(perClass.apply(frames.get(c)));
            labels.add("class " + data.className(classes.get(c)));
        }
        return combine(parts, labels, options.classAgg() == ClassAgg.MEAN ? Combine.MEAN : worst);
    }

    /** Combines parts (classes, or TPR and FPR) under the NaN policy; the skipped groups are their union. */
    private Aggregate combine(List<Aggregate> parts, List<String> labels, Combine how) {
        Set<Group> skipped = new LinkedHashSet<>();
        List<String> why = new ArrayList<>();
        List<Double> defined = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Aggregate p = parts.get(i);
            skipped.addAll(p.skipped());
            if (p.isDefined()) {
                defined.add(p.value());
            } else {
                why.add(labels.get(i) + ": " + p.reason());
            }
        }
        List<Group> skippedList = List.copyOf(skipped);
        if (!why.isEmpty() && (options.nanPolicy() == NanPolicy.PROPAGATE || defined.isEmpty())) {
            return Aggregate.undefined(String.join("; ", why), skippedList);
        }
        double v = how == Combine.MAX ? Double.NEGATIVE_INFINITY : how == Combine.MIN ? Double.POSITIVE_INFINITY : 0;
        for (double d : defined) {
            v = how == Combine.MAX ? Math.max(v, d) : how == Combine.MIN ? Math.min(v, d) : v + d / defined.size();
        }
        return Aggregate.of(v, skippedList);
    }

    private MetricValue signed(Group privileged, Metric metric, String what, boolean ratio) {
        MetricValue[] pu = privilegedAndOthers(privileged, metric);
        MetricValue p = pu[0];
        MetricValue u = pu[1];
        if (!p.isDefined()) {
            return MetricValue.undefined("privileged group '" + privileged.name() + "' " + p.reason());
        }
        if (!u.isDefined()) {
            return MetricValue.undefined("unprivileged rows (all but '" + privileged.name() + "') " + u.reason());
        }
        if (ratio) {
            return MetricValue.ratio(u.value(), p.value(),
                    "privileged group '" + privileged.name() + "' has zero " + what);
        }
        return MetricValue.of(u.value() - p.value());
    }

    private MetricValue odds(Group privileged, boolean absolute) {
        MetricValue dt = signed(privileged, RateMetrics.TRUE_POSITIVE_RATE, "true positive rate", false);
        MetricValue df = signed(privileged, RateMetrics.FALSE_POSITIVE_RATE, "false positive rate", false);
        if (!dt.isDefined()) {
            return dt;
        }
        if (!df.isDefined()) {
            return df;
        }
        return absolute ? MetricValue.of(0.5 * (Math.abs(df.value()) + Math.abs(dt.value())))
                : MetricValue.of(0.5 * (df.value() + dt.value()));
    }

    /** The metric on the privileged group's rows and on all other rows. */
    private MetricValue[] privilegedAndOthers(Group privileged, Metric metric) {
        GroupIndex index = data.groupIndex();
        int p = index.indexOf(privileged);
        int[] inside = index.members(p);
        int[] outside = new int[data.size() - inside.length];
        int o = 0;
        double population = 0;
        for (int i = 0; i < data.size(); i++) {
            population += data.weight(i);
            if (index.groupOf(i) != p) {
                outside[o++] = i;
            }
        }
        return new MetricValue[] {
            metric.compute(new Slice(data, inside, population)), metric.compute(new Slice(data, outside, population))};
    }

    private long[] selections(Group group) {
        GroupIndex index = data.groupIndex();
        long selected = 0;
        int[] rows = index.members(index.indexOf(group));
        for (int r : rows) {
            if (data.yPred(r) == data.favourable()) {
                selected++;
            }
        }
        return new long[] {selected, rows.length - selected};
    }
}
