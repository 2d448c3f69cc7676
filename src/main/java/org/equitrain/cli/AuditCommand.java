package org.equitrain.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.equitrain.fairness.metrics.AggregateMethod;
import org.equitrain.fairness.metrics.Audit;
import org.equitrain.fairness.metrics.AuditTable;
import org.equitrain.fairness.metrics.BootstrapMemoryException;
import org.equitrain.fairness.metrics.BootstrapOptions;
import org.equitrain.fairness.metrics.ClassAgg;
import org.equitrain.fairness.metrics.DisparityOptions;
import org.equitrain.fairness.metrics.FrameInput;
import org.equitrain.fairness.metrics.FrameOptions;
import org.equitrain.fairness.metrics.NanPolicy;
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

    @Option(names = "--label", required = true, paramLabel = "COL", description = {"Column of true class labels:"
        + " class indices 0, 1, 2, ... or class names (cat, dog, ...).", "The classes are the labels' and the"
        + " predictions' values together, names in sorted order; a class only predicted is a class too (warned)."})
    String label;

    @Option(names = "--pred", required = true, paramLabel = "COL",
            description = "Column of predicted class labels, written as the labels are.")
    String pred;

    @Option(names = "--score", paramLabel = "COL",
            description = "Column of probabilities of the favourable class (adds log loss, AUC, calibration error).")
    String score;

    @Option(names = "--group", required = true, split = ",", paramLabel = "COL",
            description = "Sensitive column(s), each named once and none of the label, prediction, score or"
                + " weight columns; several give intersectional groups.")
    List<String> groups;

    @Option(names = "--weight", paramLabel = "COL", description = "Column of sample weights.")
    String weight;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/audit",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--favourable", paramLabel = "CLASS", description = "Favourable class: a class index or name"
            + " (default: 1, or with class names the second in sorted order, as train chooses).")
    String favourable;

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
            description = "propagate | skip: a disparity over groups where a metric is undefined is NaN, or is"
                + " taken over the other groups (NaN when fewer than two are left; default: ${DEFAULT-VALUE}).")
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
        OptionChecks.atLeast("--n-boot", nBoot, 0);
        OptionChecks.between("--level", level, 0, 1);
        OptionChecks.atLeast("--min-group-size", minGroupSize, 1);
        checkColumns();
        Stratify strata = Choices.parse("--stratify", stratify, Stratify.values(), '_');
        BootstrapOptions boot = nBoot == 0 ? null : BootstrapOptions.defaults().withNBoot(nBoot).withSeed(seed)
                .withLevel(level).withStratify(strata);
        NanPolicy policy = Choices.parse("--nan-policy", nanPolicy, NanPolicy.values(), '_');
        Audit.Options options = new Audit.Options(
                FrameOptions.defaults().withNanPolicy(policy).withMinGroupSize(minGroupSize),
                new DisparityOptions(Choices.parse("--method", method, AggregateMethod.values(), '_'),
                        Choices.parse("--class-agg", classAgg, ClassAgg.values(), '_'), policy),
                boot);
        OptionChecks.outputFolder(out);
        Results run = Results.start("equitrain audit");
        AuditTable.Columns columns = new AuditTable.Columns(label, pred, score, weight, groups);
        FrameInput input = AuditTable.read(data, columns, favourable, naAsGroup);
        Audit audit = boot == null ? Audit.run(input, options) : bootstrapped(input, options);
        if (boot != null) {
            run.seeds(seed);
        }
        run.dataset(data.getFileName().toString(), Map.of("rows", input.size()));

        AuditJson.Source source = new AuditJson.Source(data.toString(), columns);
        PrintWriter o = spec.commandLine().getOut();
        AuditSummary.print(o, audit, source);
        PrintWriter err = spec.commandLine().getErr();
        for (String w : audit.warnings()) {
            err.println("warning: " + w);
        }
        AtomicFiles.write(out.resolve("metrics.json"), s -> AuditJson.write(s, audit, source));
        AuditReport.of(audit, source, run.provenance()).write(out.resolve("report.html"));
        o.println("wrote " + out.resolve("metrics.json") + " and " + out.resolve("report.html"));
        o.flush();
        err.flush();
        return 0;
    }

    /** A group column must be named once, and be none of the other roles' columns. */
    private void checkColumns() {
        Set<String> seen = new HashSet<>();
        for (String g : groups) {
            if (!seen.add(g)) {
                throw new IllegalArgumentException("--group " + String.join(",", groups) + ": column '" + g
                        + "' is named twice");
            }
            String role = g.equals(label) ? "--label" : g.equals(pred) ? "--pred" : g.equals(score) ? "--score"
                    : g.equals(weight) ? "--weight" : null;
            if (role != null) {
                throw new IllegalArgumentException("--group " + g + ": column '" + g + "' is the " + role
                        + " column; a group column is a sensitive attribute, not one the audit measures");
            }
        }
    }

    private Audit bootstrapped(FrameInput input, Audit.Options options) {
        try {
            Audit.checkBootstrapMemory(input, options);
        } catch (BootstrapMemoryException e) {
            throw new IllegalArgumentException("--n-boot " + nBoot + ": " + e.getMessage()
                    + " (or raise the heap, e.g. EQUITRAIN_HEAP=16g)");
        }
        try (Progress p = Progress.start("bootstrap resamples", nBoot)) {
            return Audit.run(input, options, p::advance);
        }
    }
}
