package org.equitrain.cli;

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
            MutualCommand.class,
            BenchCommand.class,
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(new UserErrorHandler())
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
