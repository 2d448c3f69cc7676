package org.equitrain.data.registry;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@link Tools} that start real processes through {@link ProcessBuilder}, after checking the tool is on PATH. */
public final class ProcessTools implements Tools {
    private final String path;

    /** Looks tools up on this process's PATH. */
    public ProcessTools() {
        this(System.getenv("PATH"));
    }

    /** Looks tools up on {@code path} (a PATH-style list of folders). */
    public ProcessTools(String path) {
        this.path = path == null ? "" : path;
    }

    /** Whether {@code tool} is an executable on the PATH. */
    public boolean available(String tool) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run(Path workDir, String... command) throws IOException {
        String line = String.join(" ", command);
        if (!available(command[0])) {
            throw new IOException("'" + command[0] + "' is not installed or not on PATH; it is needed to run `" + line
                    + "` (" + hint(command[0]) + ")");
        }
        Files.createDirectories(workDir);
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", path);
        Process p = pb.start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int rc;
        try {
            rc = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running `" + line + "`", e);
        }
        if (rc != 0) {
            String tail = output.length() > 1500 ? "..." + output.substring(output.length() - 1500) : output;
            throw new IOException("`" + line + "` failed with exit status " + rc + " in " + workDir + ":\n"
                    + tail.strip() + (command[0].equals("apt-get") ? "\n(hint: run `apt-get update` once)" : ""));
        }
    }

    private static String hint(String tool) {
        return switch (tool) {
            case "apt-get", "dpkg" -> "Debian datasets need a Debian or Ubuntu system with apt";
            case "npm" -> "npm datasets need Node.js and npm";
            case "mvn" -> "Maven Central datasets need Apache Maven";
            default -> "install it";
        };
    }
}
