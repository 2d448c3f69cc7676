package org.equitrain.data.registry;

import java.io.IOException;

/**
 * A fetched dataset whose row or level counts differ from the published ones (datasets.md §2–3): usually a newer
 * package version with changed data. Names the dataset, the count and both values.
 */
public final class CountMismatchException extends IOException {
    /** {@code dataset}'s count {@code what} was {@code found}, not the published {@code expected}. */
    public CountMismatchException(String dataset, String what, long expected, long found) {
        super(dataset + ": expected " + what + " = " + expected + " (datasets.md), found " + found
                + "; the package version may have changed its data");
    }
}
