package org.equitrain.experiments;

import java.nio.file.Path;

/**
 * One experiment of {@code equitrain reproduce}: it fetches what it needs, runs, and writes {@code results.json}
 * (figures plus provenance) and {@code report.html} into its own folder.
 */
public interface Experiment {
    /** The name used on the command line, e.g. {@code engine-mnist}. */
    String name();

    /** A one-line title for listings and the index page. */
    String title();

    /**
     * Runs the experiment into {@code dir} (created by the caller) and returns a one-line summary of its headline
     * result for the index page.
     */
    String run(RunSettings settings, Path dir) throws Exception;
}
