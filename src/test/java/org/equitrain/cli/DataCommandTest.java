package org.equitrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Dataset;
import org.equitrain.data.Feature;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.registry.DataCache;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.data.registry.DebianPackage;
import org.equitrain.data.registry.Loader;
import org.equitrain.data.registry.RegisteredDataset;
import org.equitrain.data.registry.Tools;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataCommandTest {
    @TempDir
    Path dir;

    private final List<String> commands = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A registry with one in-memory dataset behind a fake Debian package. */
    private DatasetRegistry registry() {
        Tools tools = (wd, cmd) -> {
            commands.add(String.join(" ", cmd));
            if (cmd[0].equals("apt-get")) {
                Files.writeString(wd.resolve(cmd[2] + "_0.1-1_all.deb"), "deb");
            } else {
                Files.createDirectories(Path.of(cmd[3]));
            }
        };
        Loader loader = new Loader() {
            @Override
            public void verify(Path artifact, String source) {
            }

            @Override
            public Dataset load(Path artifact, String part, NaPolicy na, String source) {
                return Dataset.builder("toy")
                        .features(Tensor.of(new double[] {1, 2, 3, 4}, 4, 1),
                                List.of(new Feature("x", "x", Feature.Kind.NUMERIC)))
                        .labels(new CategoricalColumn("y", new int[] {0, 1, 1, 1}, List.of("no", "yes")))
                        .group(new CategoricalColumn("sex", new int[] {0, 0, 1, 0}, List.of("F", "M")))
                        .build();
            }
        };
        return new DatasetRegistry(new DataCache(dir), tools, List.of(new RegisteredDataset("toy", "a toy table",
                new DebianPackage("toy-data"), "CC0", Map.of("all", 4), loader)));
    }

    private int run(String... args) {
        DatasetRegistry reg = registry();
        return new CommandLine(new DataCommand(() -> reg)).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .setExecutionExceptionHandler(new UserErrorHandler()).execute(args);
    }

    @Test
    void listShowsSourceRowsLicenceAndCacheState() {
        assertEquals(0, run("list"));
        String[] lines = out.toString().split("\n");
        assertTrue(lines[0].startsWith("NAME"));
        assertTrue(lines[1].matches("toy\\s+Debian toy-data\\s+4\\s+no\\s+CC0"), lines[1]);
    }

    @Test
    void fetchThenDescribe() {
        assertEquals(0, run("fetch", "all"));
        assertTrue(out.toString().contains("toy: Debian toy-data 0.1-1, counts verified"), out.toString());
        assertEquals(List.of("apt-get", "dpkg"), commands.stream().map(c -> c.split(" ")[0]).toList());
        assertEquals(0, run("describe", "toy"));
        String text = out.toString();
        assertTrue(text.contains("rows:     4"), text);
        assertTrue(text.contains("label:    y {no=1 (25.0%), yes=3 (75.0%)}, favourable yes"), text);
        assertTrue(text.contains("group:    sex {F=3 (75.0%), M=1 (25.0%)}"), text);
        assertEquals(2, commands.size(), "describe reuses the cached artifact");
    }

    @Test
    void unknownDatasetIsAUserErrorWithExitCode1() {
        assertEquals(1, run("describe", "adult"));
        assertTrue(err.toString().contains("unknown dataset 'adult'; known: [toy]"), err.toString());
    }

    @Test
    void mainHasTheDataSubcommand() {
        assertTrue(new CommandLine(new Main()).getSubcommands().containsKey("data"));
    }
}
