package org.equitrain.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks of option values made before any work starts. Each failure is an {@link IllegalArgumentException} whose
 * message names the option and the value, e.g. "--epochs must be 1 or more, got 0".
 */
final class OptionChecks {
    private OptionChecks() {
    }

    /** {@code value} if it is at least {@code min}. */
    static int atLeast(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be " + min + " or more, got " + value);
        }
        return value;
    }

    /** {@code value} if it is a finite number above 0. */
    static double positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a finite number above 0, got " + value);
        }
        return value;
    }

    /** {@code value} if it is a finite number of 0 or more. */
    static double nonNegative(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a finite number of 0 or more, got " + value);
        }
        return value;
    }

    /** {@code value} if {@code low < value < high}. */
    static double between(String option, double value, double low, double high) {
        if (!(value > low && value < high)) {
            throw new IllegalArgumentException(option + " must lie strictly between " + format(low) + " and "
                    + format(high) + ", got " + value);
        }
        return value;
    }

    /** {@code value} if {@code low <= value <= high}. */
    static double within(String option, double value, double low, double high) {
        if (!(value >= low && value <= high)) {
            throw new IllegalArgumentException(option + " must lie in [" + format(low) + ", " + format(high)
                    + "], got " + value);
        }
        return value;
    }

    /**
     * Rejects {@code option} when the user gave it but it does not apply ({@code applies} false), instead of ignoring
     * it: "--straight-through applies only to --model gmm ..., not to --model gaussian --estimator mle".
     */
    static void onlyFor(CommandSpec spec, String option, boolean applies, String where, String given) {
        if (!applies && spec.commandLine().getParseResult().hasMatchedOption(option)) {
            throw new IllegalArgumentException(option + " applies only to " + where + ", not to " + given);
        }
    }

    /**
     * Creates the output folder {@code out} (and its parents) before any work starts, so a bad {@code --out} fails
     * at once, not after the computation: it must be a folder, or not exist yet, and be writable.
     */
    static Path outputFolder(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + ": exists and is not a folder");
        }
        for (Path p = out.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IllegalArgumentException("--out " + out + ": cannot create the folder (" + p
                        + " is a file)");
            }
        }
        try {
            Files.createDirectories(out);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("--out " + out + ": cannot create the folder (" + reason(e) + ")");
        }
        if (!Files.isWritable(out)) {
            throw new IllegalArgumentException("--out " + out + ": the folder is not writable");
        }
        return out;
    }

    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
