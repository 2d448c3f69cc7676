package org.equitrain.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.equitrain.fairness.metrics.Aggregate;
import org.equitrain.fairness.metrics.AggregateMethod;
import org.equitrain.fairness.metrics.Audit;
import org.equitrain.fairness.metrics.AuditTable;
import org.equitrain.fairness.metrics.BootstrapIntervals;
import org.equitrain.fairness.metrics.BootstrapOptions;
import org.equitrain.fairness.metrics.ClassAgg;
import org.equitrain.fairness.metrics.DisparityOptions;
import org.equitrain.fairness.metrics.FrameInput;
import org.equitrain.fairness.metrics.FrameOptions;
import org.equitrain.fairness.metrics.Group;
import org.equitrain.fairness.metrics.Interval;
import org.equitrain.fairness.metrics.MetricFrame;
import org.equitrain.fairness.metrics.NanPolicy;
import org.equitrain.fairness.metrics.StatisticKey;
import org.equitrain.fairness.metrics.Stratify;
import org.equitrain.io.AtomicFiles;
import org.equitrain.report.Progress;
import org.equitrain.report.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code equitrain audit}: per-group fairness metrics of predictions in a CSV file. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Fairness audit of predictions in a CSV file: metrics overall and per group (and their "
            + "intersections), disparities with bootstrap intervals.",
            "Prints a table and writes metrics.json and report.html to the output folder."})
public final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "CSV file with a header row.")
    Path data;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "Column of true class labels.")
    String label;

    @Option(names = "--pred", required = true, paramLabel = "COL", description = "Column of predicted labels.")
    String pred;

    @Option(names = "--score", paramLabel = "COL",
            description = "Column of probabilities of the favourable label (adds log loss, AUC, calibration error).")
    String score;

    @Option(names = "--group", required = true, split = ",", paramLabel = "COL",
            description = "Sensitive column(s); several give intersectional groups.")
    List<String> groups;

    @Option(names = "--weight", paramLabel = "COL", description = "Column of sample weights.")
    String weight;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/audit",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--favourable", defaultValue = "1", description = "Favourable label (default: ${DEFAULT-VALUE}).")
    int favourable;

    @Option(names = "--n-boot", defaultValue = "1000",
            description = "Bootstrap resamples; 0 for no intervals (default: ${DEFAULT-VALUE}).")
    int nBoot;

    @Option(names = "--seed", defaultValue = "0", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--level", defaultValue = "0.95", description = "Interval level (default: ${DEFAULT-VALUE}).")
    double level;

    @Option(names = "--stratify", defaultValue = "group", description = "group | none (default: ${DEFAULT-VALUE}).")
    String stratify;

    @Option(names = "--method", defaultValue = "between_groups",
            description = "between_groups | to_overall (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--nan-policy", defaultValue = "propagate",
            description = "propagate | skip (default: ${DEFAULT-VALUE}).")
    String nanPolicy;

    @Option(names = "--class-agg", defaultValue = "worst",
            description = "Multiclass: worst | mean over classes (default: ${DEFAULT-VALUE}).")
    String classAgg;

    @Option(names = "--min-group-size", defaultValue = "1",
            description = "Warn about smaller groups (default: ${DEFAULT-VALUE}).")
    int minGroupSize;

    @Option(names = "--na-as-group", description = "Missing group values form their own group NA.")
    boolean naAsGroup;

    @Override
    public Integer call() throws Exception {
        if (nBoot < 0) {
            throw new IllegalArgumentException("--n-boot must be 0 or more, got " + nBoot);
        }
        Stratify strata = Choices.parse("--stratify", stratify, Stratify.values(), '_');
        BootstrapOptions boot = nBoot == 0 ? null : BootstrapOptions.defaults().withNBoot(nBoot).withSeed(seed)
                .withLevel(level).withStratify(strata);
        NanPolicy policy = Choices.parse("--nan-policy", nanPolicy, NanPolicy.values(), '_');
        Audit.Options options = new Audit.Options(
                FrameOptions.defaults().withNanPolicy(policy).withMinGroupSize(minGroupSize),
                new DisparityOptions(Choices.parse("--method", method, AggregateMethod.values(), '_'),
                        Choices.parse("--class-agg", classAgg, ClassAgg.values(), '_'), policy),
                boot);
        Results run = Results.start("equitrain audit").equitrainVersion(VersionProvider.version());
        AuditTable.Columns columns = new AuditTable.Columns(label, pred, score, weight, groups);
        FrameInput input = AuditTable.read(data, columns, favourable, naAsGroup);
        Audit audit;
        if (boot == null) {
            audit = Audit.run(input, options);
        } else {
            try (Progress p = Progress.start("bootstrap resamples", nBoot)) {
                audit = Audit.run(input, options, p::advance);
            }
            run.seeds(seed);
        }
        run.dataset(data.getFileName().toString(), Map.of("rows", input.size()));

        PrintWriter o = spec.commandLine().getOut();
        printTable(o, audit);
        PrintWriter err = spec.commandLine().getErr();
        for (String w : audit.warnings()) {
            err.println("warning: " + w);
        }
        AuditJson.Source source = new AuditJson.Source(data.toString(), columns);
        AtomicFiles.write(out.resolve("metrics.json"), s -> AuditJson.write(s, audit, source));
        AuditReport.of(audit, source, run.provenance()).write(out.resolve("report.html"));
        o.println("wrote " + out.resolve("metrics.json") + " and " + out.resolve("report.html"));
        o.flush();
        err.flush();
        return 0;
    }

    private void printTable(PrintWriter o, Audit audit) {
        MetricFrame mf = audit.frame();
        FrameInput in = audit.data();
        o.printf(Locale.ROOT, "equitrain audit: %s, %d rows, label '%s', prediction '%s', groups by %s, favourable"
                + " label %d%s%n", data, in.size(), label, pred, String.join(",", groups), in.favourable(),
                in.isBinary() ? "" : " (" + in.numClasses() + " classes; disparities one-vs-rest, " + classAgg + ")");
        String[] cols = {"selection_rate", "true_positive_rate", "false_positive_rate", "accuracy"};
        String[] heads = {"selection", "TPR", "FPR", "accuracy"};
        int width = Math.max(7, mf.groups().stream().mapToInt(g -> g.name().length()).max().orElse(0));
        o.printf(Locale.ROOT, "%n%-" + width + "s %8s", "group", "n");
        for (String h : heads) {
            o.printf(Locale.ROOT, " %10s", h);
        }
        o.println();
        for (Group g : mf.groups()) {
            o.printf(Locale.ROOT, "%-" + width + "s %8d", g.name(), mf.count(g));
            for (String c : cols) {
                o.printf(Locale.ROOT, " %10s", number(mf.value(c, g)));
            }
            o.println();
        }
        o.printf(Locale.ROOT, "%-" + width + "s %8d", "overall", in.size());
        for (String c : cols) {
            o.printf(Locale.ROOT, " %10s", number(mf.overall(c)));
        }
        o.println();
        BootstrapIntervals ci = audit.intervals().orElse(null);
        String ciHead = ci == null ? "" : String.format(Locale.ROOT, "%.0f%% interval", 100 * ci.options().level());
        o.printf(Locale.ROOT, "%n%-30s %8s  %s%n", "disparity", "value", ciHead);
        for (Map.Entry<String, Aggregate> e : audit.disparities().entrySet()) {
            String interval = "";
            if (ci != null) {
                Interval i = ci.get(StatisticKey.disparity(e.getKey()));
                interval = i.isDefined() ? "[" + number(i.low()) + ", " + number(i.high()) + "]" : "NaN";
            }
            o.printf(Locale.ROOT, "%-30s %8s  %s%n", e.getKey(), number(e.getValue().value()), interval);
        }
        o.println();
    }

    static String number(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.3f", v);
    }
}
