package org.equitrain.fairness.metrics;

import java.util.Locale;

/**
 * The bootstrap cannot keep every resample's statistics in memory: percentile intervals need all of them (spec §6),
 * so a count that cannot fit is refused before any resampling rather than running out of memory part way.
 */
public final class BootstrapMemoryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The largest number of resamples that fits. */
    private final long maxResamples;

    BootstrapMemoryException(int resamples, int statistics, long bytes, long free, long maxResamples) {
        super(String.format(Locale.ROOT, "keeping %d statistics of %d resamples needs %s, more than half of the %s"
                + " of free heap; at most %d resamples fit", statistics, resamples, size(bytes), size(free),
                maxResamples));
        this.maxResamples = maxResamples;
    }

    /** The largest number of resamples that fits. */
    public long maxResamples() {
        return maxResamples;
    }

    private static String size(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
