package org.equitrain.data.registry;

import java.io.IOException;
import java.nio.file.Path;

/** Runs the registry clients ({@code apt-get}, {@code dpkg}, {@code npm}, {@code mvn}); replaceable in tests. */
@FunctionalInterface
public interface Tools {
    /**
     * Runs {@code command} in {@code workDir}; fails with an {@link IOException} naming the command when the tool is
     * missing or exits with a non-zero status.
     */
    void run(Path workDir, String... command) throws IOException;
}
