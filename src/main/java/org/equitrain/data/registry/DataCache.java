package org.equitrain.data.registry;

import java.nio.file.Path;

/**
 * The folder that fetched artifacts are unpacked into: the system property {@code equitrain.data}, else the
 * environment variable {@code EQUITRAIN_DATA}, else {@code data-cache/} under the current directory (git-ignored).
 * Data in it is never committed.
 */
public record DataCache(Path root) {
    /** The system property naming the cache folder. */
    public static final String PROPERTY = "equitrain.data";
    /** The environment variable naming the cache folder, read when the property is unset. */
    public static final String ENV = "EQUITRAIN_DATA";

    /** The cache chosen by the property, the environment variable or the default, in that order. */
    public static DataCache fromEnvironment() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENV);
        }
        return new DataCache(Path.of(p == null || p.isBlank() ? "data-cache" : p).toAbsolutePath());
    }

    /** A folder inside the cache (not created). */
    public Path dir(String first, String... more) {
        return root.resolve(Path.of(first, more));
    }
}
