package org.equitrain.fairness.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A fairness audit of predictions: the standard metrics overall and per group, the named disparities (and ERMI), and
 * bootstrap intervals of all of them. What {@code equitrain audit} reports.
 */
public final class Audit {
    /** Options of an audit; a null {@code bootstrap} skips the intervals. */
    public record Options(FrameOptions frame, DisparityOptions disparity, BootstrapOptions bootstrap) {
        /** Default frame and disparity options, with bootstrap intervals at their defaults. */
        public static Options defaults() {
            return new Options(FrameOptions.defaults(), DisparityOptions.defaults(), BootstrapOptions.defaults());
        }
    }

    private final FrameInput data;
    private final Options options;
    private final MetricFrame frame;
    private final Map<String, Aggregate> disparities;
    private final BootstrapIntervals intervals;
    private final List<String> warnings;

    private Audit(FrameInput data, Options options, Runnable onResample) {
        this.data = data;
        this.options = options;
        Map<String, Metric> metrics = metrics(data.hasScores());
        this.frame = MetricFrame.of(data, metrics, options.frame());
        Disparities d = Disparities.of(data, options.disparity());
        this.disparities = disparities(d, data);
        this.intervals = options.bootstrap() == null ? null
                : Bootstrap.run(data, statistics(metrics, options), options.bootstrap(), onResample);
        LinkedHashSet<String> w = new LinkedHashSet<>(predictedOnly(data));
        w.addAll(frame.warnings());
        w.addAll(d.warnings());
        for (Map.Entry<String, Aggregate> e : disparities.entrySet()) {
            if (!e.getValue().isDefined()) {
                w.add(e.getKey() + " is NaN: " + e.getValue().reason());
            }
        }
        this.warnings = List.copyOf(new ArrayList<>(w));
    }

    /**
     * Audits {@code data}: the frame, the disparities and, unless {@code options.bootstrap()} is null, the intervals.
     */
    public static Audit run(FrameInput data, Options options) {
        return new Audit(data, options, () -> { });
    }

    /** {@link #run(FrameInput, Options)}, calling {@code onResample} (from any thread) after each bootstrap draw. */
    public static Audit run(FrameInput data, Options options, Runnable onResample) {
        return new Audit(data, options, onResample);
    }

    /**
     * Fails with a {@link BootstrapMemoryException} when the bootstrap of {@code options} cannot keep its resamples'
     * values in memory: a check to make before starting the audit (it costs one pass of the metrics).
     */
    public static void checkBootstrapMemory(FrameInput data, Options options) {
        if (options.bootstrap() != null) {
            Bootstrap.checkMemory(options.bootstrap().nBoot(),
                    statistics(metrics(data.hasScores()), options).apply(data).size());
        }
    }

    /** What a bootstrap replicate recomputes: every statistic of the frame, and the disparities. */
    private static Function<FrameInput, Map<String, Double>> statistics(Map<String, Metric> metrics,
            Options options) {
        return replicate -> {
            Map<String, Double> s = new LinkedHashMap<>(MetricFrame.of(replicate, metrics, options.frame())
                    .statistics());
            disparities(Disparities.of(replicate, options.disparity()), replicate)
                    .forEach((name, a) -> s.put(StatisticKey.disparity(name), a.value()));
            return s;
        };
    }

    /** The audited metrics: counts and rates, and the score metrics when there are scores. */
    public static Map<String, Metric> metrics(boolean withScores) {
        Map<String, Metric> m = new LinkedHashMap<>();
        m.put("count", RateMetrics.COUNT);
        m.put("base_rate", RateMetrics.BASE_RATE);
        m.put(Disparities.SR, RateMetrics.SELECTION_RATE);
        m.put(Disparities.TPR, RateMetrics.TRUE_POSITIVE_RATE);
        m.put(Disparities.FPR, RateMetrics.FALSE_POSITIVE_RATE);
        m.put("false_negative_rate", RateMetrics.FALSE_NEGATIVE_RATE);
        m.put("precision", RateMetrics.PRECISION);
        m.put("accuracy", RateMetrics.ACCURACY);
        if (withScores) {
            m.put("log_loss", ScoreMetrics.LOG_LOSS);
            m.put("auc", ScoreMetrics.AUC);
            m.put("calibration_error", ScoreMetrics.CALIBRATION_ERROR);
        }
        return m;
    }

    /** A warning per class that rows predict but no row has: the classes are those of labels and predictions. */
    private static List<String> predictedOnly(FrameInput data) {
        boolean[] label = new boolean[data.numClasses()];
        boolean[] predicted = new boolean[data.numClasses()];
        for (int i = 0; i < data.size(); i++) {
            label[data.yTrue(i)] = true;
            predicted[data.yPred(i)] = true;
        }
        List<String> w = new ArrayList<>();
        for (int k = 0; k < label.length; k++) {
            if (predicted[k] && !label[k]) {
                w.add("class '" + data.className(k) + "' is predicted but is no row's true label");
            }
        }
        return w;
    }

    private static Map<String, Aggregate> disparities(Disparities d, FrameInput data) {
        Map<String, Aggregate> s = new LinkedHashMap<>(d.summary());
        MetricValue ermi = Ermi.of(data);
        s.put("ermi", new Aggregate(ermi.value(), ermi.isDefined() ? null : "the table " + ermi.reason(), List.of()));
        return s;
    }

    /** The audited rows. */
    public FrameInput data() {
        return data;
    }

    /** The options the audit ran with. */
    public Options options() {
        return options;
    }

    /** The metrics of {@link #metrics(boolean)} overall and per group. */
    public MetricFrame frame() {
        return frame;
    }

    /** Named disparities (unsigned Fairlearn forms, equalized odds worst case) and ERMI. */
    public Map<String, Aggregate> disparities() {
        return disparities;
    }

    /** Bootstrap intervals of every frame statistic and disparity; empty without bootstrap options. */
    public Optional<BootstrapIntervals> intervals() {
        return Optional.ofNullable(intervals);
    }

    /** Warnings of the frame and the disparities, without repeats. */
    public List<String> warnings() {
        return warnings;
    }
}
