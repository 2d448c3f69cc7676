package org.equitrain.experiments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.equitrain.autophagy.GenerationSummary;
import org.equitrain.autophagy.LoopResult;
import org.equitrain.report.LinePlot;

/**
 * Per-generation curves of self-consuming loops (PLE spec §7 "report mean, median and intervals per generation"):
 * the JSON form for {@code results.json} and line plots for the HTML report. Shared by the autophagy experiments
 * and {@code equitrain autophagy}.
 */
public final class LoopCurves {
    /** How a reader names the loop metrics ({@code LoopMetric}, {@code VaeLoop.METRICS}). */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("meanShift", "mean shift |μ̂ − μ|"),
            Map.entry("varianceRatio", "variance ratio σ̂² / σ²"), Map.entry("kl", "KL(true ‖ model)"),
            Map.entry("minorityLogLikelihood", "minority log-likelihood"), Map.entry("frechet", "Fréchet distance"),
            Map.entry("offClassShare", "off-class share"), Map.entry("testNegElbo", "test −ELBO"),
            Map.entry("minorityNegElbo", "minority −ELBO"), Map.entry("majorityNegElbo", "majority −ELBO"),
            Map.entry("negElboGap", "−ELBO gap"));

    private LoopCurves() {
    }

    /** A metric's name for a reader: "minorityWeight" reads "minority weight", "kl" reads "KL(true ‖ model)". */
    public static String label(String metric) {
        String known = LABELS.get(metric);
        return known != null ? known : metric.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    }

    /** Which summary a plot shows. */
    public enum Statistic {
        /** The mean across replicates, with a ±1.96 standard-error band. */
        MEAN,
        /** The median across replicates, with the 95% interval. */
        MEDIAN
    }

    /** {generation, mean, se, median, lower, upper} arrays of {@code metric} (1-based generations). */
    public static Map<String, Object> json(LoopResult result, String metric) {
        List<GenerationSummary> s = result.summaries(metric);
        int t = s.size();
        double[] gen = new double[t];
        double[] mean = new double[t];
        double[] se = new double[t];
        double[] median = new double[t];
        double[] lower = new double[t];
        double[] upper = new double[t];
        for (int i = 0; i < t; i++) {
            GenerationSummary g = s.get(i);
            gen[i] = g.generation();
            mean[i] = g.mean();
            se[i] = g.standardError();
            median[i] = g.median();
            lower[i] = g.lower();
            upper[i] = g.upper();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generation", gen);
        m.put("mean", mean);
        m.put("se", se);
        m.put("median", median);
        m.put("p2_5", lower);
        m.put("p97_5", upper);
        return m;
    }

    /**
     * One series per estimator: the mean with a ±1.96·SE band, or the median with the central 95% band of the
     * replicates.
     */
    public static LinePlot plot(String title, Map<String, LoopResult> byEstimator, String metric, Statistic stat,
            boolean logY) {
        LinePlot plot = new LinePlot().title(title).xLabel("generation")
                .yLabel(stat.name().toLowerCase(Locale.ROOT) + " " + label(metric));
        for (Map.Entry<String, LoopResult> e : byEstimator.entrySet()) {
            List<GenerationSummary> s = e.getValue().summaries(metric);
            int t = s.size();
            double[] x = new double[t];
            double[] y = new double[t];
            double[] lo = new double[t];
            double[] hi = new double[t];
            for (int i = 0; i < t; i++) {
                GenerationSummary g = s.get(i);
                x[i] = g.generation();
                y[i] = stat == Statistic.MEAN ? g.mean() : g.median();
                lo[i] = stat == Statistic.MEAN ? g.mean() - 1.96 * g.standardError() : g.lower();
                hi[i] = stat == Statistic.MEAN ? g.mean() + 1.96 * g.standardError() : g.upper();
            }
            plot.series(e.getKey(), x, y, lo, hi);
        }
        return logY ? plot.logY() : plot;
    }
}
