package org.equitrain.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code equitrain} command: one class per subcommand, exit codes scripts can trust (0 ok, 1 failure, 2 usage). */
@Command(name = "equitrain", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train machine-learning models that are fair, unbiased and robust.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DataCommand.class,
            ReproduceCommand.class,
            AuditCommand.class,
            SensitivityCommand.class,
            AutophagyCommand.class,
            TrainCommand.class,
            PredictCommand.class,
            MutualCommand.class,
            BenchCommand.class,
        })
public final class Main implements Callable<Integer> {
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler(new UserErrorHandler());
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            cli.getErr().println("error: out of memory (Java heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB); ask for less work or raise the heap, e.g. EQUITRAIN_HEAP=16g");
            return 1;
        }
    }

    /** No subcommand: the usage, on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** A command line picocli cannot parse: one line saying why and where to look, not the whole usage. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return USAGE;
    }
}
