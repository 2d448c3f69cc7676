package org.equitrain.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.equitrain.experiments.Experiment;
import org.equitrain.experiments.ExperimentCatalog;
import org.equitrain.experiments.RunSettings;
import org.equitrain.report.IndexPage;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code equitrain reproduce}: runs named experiments (or all) and writes {@code DIR/<experiment>/results.json} and
 * {@code report.html}, plus {@code DIR/index.html} linking them. One failing experiment does not stop the others;
 * the exit code is 1 when any failed. Results go to stdout; progress bars and failures to stderr.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Run equitrain's experiments and write results.json and report.html for each.")
public final class ReproduceCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "EXPERIMENT",
            description = "Experiment names, groups (e.g. mpe = mpe-*), or 'all' (default).")
    List<String> names = new ArrayList<>();

    @Option(names = "--list", description = "List the experiments and exit.")
    boolean list;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--quick", description = "Minutes on a 2-core machine: fewer epochs and seeds (default).")
        boolean quick;

        @Option(names = "--full", description = "The full protocol of each method's spec (hours).")
        boolean full;
    }

    @Option(names = "--seed", description = "Base seed (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("out");

    @Override
    public Integer call() throws Exception {
        if (list) {
            for (Experiment e : ExperimentCatalog.all()) {
                System.out.printf("%-26s %s%n", e.name(), e.title());
            }
            return 0;
        }
        List<Experiment> chosen = choose();
        OptionChecks.outputFolder(out);
        RunSettings settings = new RunSettings(!mode.full, seed);
        IndexPage index = new IndexPage("equitrain reproduce (" + (settings.quick() ? "quick" : "full") + ")")
                .intro("Seed " + seed + ". Each experiment's folder holds results.json and report.html.");
        int failed = 0;
        for (Experiment e : chosen) {
            Path dir = out.resolve(e.name());
            Files.createDirectories(dir);
            System.out.printf("== %s: %s%n", e.name(), e.title());
            long t0 = System.nanoTime();
            try {
                String summary = e.run(settings, dir);
                System.out.printf(Locale.ROOT, "   done in %.0f s: %s%n", (System.nanoTime() - t0) / 1e9, summary);
                index.report(e.title(), dir.resolve("report.html"), summary);
            } catch (Exception ex) {
                failed++;
                String reason = ex.getMessage() != null ? ex.getMessage() : ex.toString();
                System.err.printf("   FAILED: %s%n", reason);
                if (System.getenv("EQUITRAIN_DEBUG") != null) {
                    ex.printStackTrace();
                }
                index.failed(e.title(), reason);
            }
        }
        if (chosen.size() > 1) {
            index.write(out.resolve("index.html"));
            System.out.println("wrote " + out.resolve("index.html"));
        }
        return failed == 0 ? 0 : 1;
    }

    private List<Experiment> choose() {
        if (names.isEmpty() || names.contains("all")) {
            return ExperimentCatalog.all();
        }
        List<Experiment> chosen = new ArrayList<>();
        for (String n : names) {
            List<Experiment> selected = ExperimentCatalog.select(n);
            if (selected.isEmpty()) {
                throw new IllegalArgumentException("no experiment or group '" + n
                        + "'; 'equitrain reproduce --list' shows them");
            }
            chosen.addAll(selected);
        }
        return chosen;
    }
}
