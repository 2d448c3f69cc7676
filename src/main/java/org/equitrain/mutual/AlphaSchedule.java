package org.equitrain.mutual;

/** The Rényi order per epoch (renyi-dml.md §4, option "α schedule"). */
@FunctionalInterface
public interface AlphaSchedule {
    /** α for epoch {@code epoch} (0-based) of {@code totalEpochs}. */
    double alphaAt(int epoch, int totalEpochs);

    /** No schedule: the same α every epoch (the default). */
    static AlphaSchedule constant(double alpha) {
        RenyiDivergence.checkAlpha(alpha);
        return (epoch, totalEpochs) -> alpha;
    }

    /**
     * Cosine annealing from {@code alphaMax} at epoch 0 to 0 at epoch T, {@code α_t = α_max·½(1 + cos(πt/T))}
     * ({@code parklize/rdml} {@code cosine_annealing(0, α_max, t, T)}).
     */
    static AlphaSchedule cosine(double alphaMax) {
        RenyiDivergence.checkAlpha(alphaMax);
        return (epoch, totalEpochs) -> {
            if (totalEpochs <= 0 || epoch < 0 || epoch > totalEpochs) {
                throw new IllegalArgumentException("cosine alpha schedule: epoch " + epoch + " outside [0, "
                        + totalEpochs + "]");
            }
            return alphaMax * 0.5 * (1 + Math.cos(Math.PI * epoch / totalEpochs));
        };
    }
}
