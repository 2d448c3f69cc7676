package org.equitrain.fairness.metrics;

/**
 * The rows of one group (or of the whole table) as a metric sees them: labels, predictions, scores and weights,
 * read one-vs-rest for the favourable label. What a user metric receives.
 */
public final class Slice {
    private final FrameInput data;
    private final int[] rows;
    private final double populationWeight;
    private Confusion confusion;

    Slice(FrameInput data, int[] rows, double populationWeight) {
        this.data = data;
        this.rows = rows;
        this.populationWeight = populationWeight;
    }

    /** Number of rows. */
    public int size() {
        return rows.length;
    }

    /** True label of the slice's row {@code i} (0-based within the slice). */
    public int yTrue(int i) {
        return data.yTrue[rows[i]];
    }

    /** Predicted label of the slice's row {@code i}. */
    public int yPred(int i) {
        return data.yPred[rows[i]];
    }

    /** Sample weight of the slice's row {@code i} (1 without sample weights). */
    public double weight(int i) {
        return data.weights == null ? 1.0 : data.weights[rows[i]];
    }

    /** The favourable label, the positive class of the rate metrics. */
    public int favourable() {
        return data.favourable;
    }

    /** Number of classes K. */
    public int numClasses() {
        return data.numClasses;
    }

    /** True label is the favourable one. */
    public boolean positive(int i) {
        return data.yTrue[rows[i]] == data.favourable;
    }

    /** Prediction is the favourable label. */
    public boolean predictedPositive(int i) {
        return data.yPred[rows[i]] == data.favourable;
    }

    /** Whether the favourable label has a score per row ({@link #score(int)} may be read). */
    public boolean hasScores() {
        return data.hasScores();
    }

    /** Whether each class has a probability (log loss uses the true class's). */
    public boolean hasProbabilities() {
        return data.probs != null;
    }

    /** Probability of the favourable label. */
    public double score(int i) {
        return data.favourableScore(rows[i]);
    }

    /** Rank of the score of row {@code i} among the table's distinct scores, in 0..{@link #scoreLevels()}−1. */
    int scoreRank(int i) {
        return data.scoreRanks().rank()[rows[i]];
    }

    /** Number of distinct scores in the whole table. */
    int scoreLevels() {
        return data.scoreRanks().levels();
    }

    /** Probability of class {@code k} (needs {@link #hasProbabilities()}). */
    public double probability(int i, int k) {
        return data.probs[rows[i] * data.numClasses + k];
    }

    /** Sum of the weights of these rows. */
    public double totalWeight() {
        double s = 0;
        for (int i = 0; i < rows.length; i++) {
            s += weight(i);
        }
        return s;
    }

    /** Sum of the weights of all rows of the frame (for relative sizes). */
    public double populationWeight() {
        return populationWeight;
    }

    /** Weighted confusion counts, computed once. */
    public Confusion confusion() {
        if (confusion == null) {
            confusion = Confusion.of(this);
        }
        return confusion;
    }
}
