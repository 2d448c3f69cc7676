package org.equitrain.fairness.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.equitrain.data.Rows;

/**
 * The rows a metric frame is computed on (spec §1): true labels, hard predictions, optional scores, optional sample
 * weights and the group of each row. Labels are class indices 0..K−1, with optional class names; binary when K ≤ 2.
 * Rate metrics are about the favourable label (default 1); multiclass tasks are read one-vs-rest through
 * {@link #withFavourable(int)}.
 * Immutable: the builder copies its arrays.
 */
public final class FrameInput {
    final int[] yTrue;
    final int[] yPred;
    /** n × K probabilities, row-major, or null. */
    final double[] probs;
    /** Probability of {@link #scoreLabel} per row (a 1-D score column), or null. */
    final double[] score;
    final int scoreLabel;
    /** Sample weights, or null for unit weights. */
    final double[] weights;
    final int numClasses;
    /** Name of each class index ("0", "1", ... unless given). */
    final List<String> classNames;
    final int favourable;
    final GroupIndex groups;
    /** Ranks of the favourable-label scores, computed on first use (a benign race: every thread gets the same). */
    private volatile ScoreRanks ranks;

    private FrameInput(int[] yTrue, int[] yPred, double[] probs, double[] score, int scoreLabel, double[] weights,
            int numClasses, List<String> classNames, int favourable, GroupIndex groups) {
        this.yTrue = yTrue;
        this.yPred = yPred;
        this.probs = probs;
        this.score = score;
        this.scoreLabel = scoreLabel;
        this.weights = weights;
        this.numClasses = numClasses;
        this.classNames = classNames;
        this.favourable = favourable;
        this.groups = groups;
    }

    /** A builder; {@code yTrue}, {@code yPred} and at least one sensitive column are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of rows. */
    public int size() {
        return yTrue.length;
    }

    /** Number of classes K. */
    public int numClasses() {
        return numClasses;
    }

    /** Whether the task is binary (K ≤ 2). */
    public boolean isBinary() {
        return numClasses <= 2;
    }

    /** The favourable label, the positive class of the rate metrics (default 1). */
    public int favourable() {
        return favourable;
    }

    /** The names of the classes 0..K−1: as given to the builder, else the indices themselves. */
    public List<String> classNames() {
        return classNames;
    }

    /** The name of class {@code k}. */
    public String className(int k) {
        return classNames.get(k);
    }

    /** True when the favourable label has a score (a probability matrix, or a 1-D score given for this label). */
    public boolean hasScores() {
        return probs != null || (score != null && scoreLabel == favourable);
    }

    /** The group of every row. */
    public GroupIndex groupIndex() {
        return groups;
    }

    /** The groups, sorted; in a {@link #subset(int[])} a group may have no rows. */
    public List<Group> groups() {
        return groups.groups();
    }

    /** Weight of row {@code i} (1 without sample weights). */
    public double weight(int i) {
        return weights == null ? 1.0 : weights[i];
    }

    /** True label of row {@code i}, in 0..K−1. */
    public int yTrue(int i) {
        return yTrue[i];
    }

    /** Predicted label of row {@code i}, in 0..K−1. */
    public int yPred(int i) {
        return yPred[i];
    }

    /** Ranks of the favourable-label scores (needs {@link #hasScores()}). */
    ScoreRanks scoreRanks() {
        ScoreRanks r = ranks;
        if (r == null) {
            double[] s = new double[size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = favourableScore(i) + 0.0; // + 0.0 turns −0.0 into 0.0
            }
            r = ScoreRanks.of(s);
            ranks = r;
        }
        return r;
    }

    /** Probability of the favourable label of row {@code i} (needs {@link #hasScores()}). */
    double favourableScore(int i) {
        return probs != null ? probs[i * numClasses + favourable] : score[i];
    }

    /** The same rows read one-vs-rest for another favourable label (multiclass, spec §1). Shares the arrays. */
    public FrameInput withFavourable(int label) {
        checkLabel(label, numClasses, "favourable label");
        return new FrameInput(yTrue, yPred, probs, score, scoreLabel, weights, numClasses, classNames, label, groups);
    }

    /** The given rows (with repetition, as in a bootstrap replicate); the groups stay the same. */
    public FrameInput subset(int[] rows) {
        Rows.check(rows, yTrue.length, "FrameInput.subset");
        int k = numClasses;
        int[] t = new int[rows.length];
        int[] p = new int[rows.length];
        double[] pr = probs == null ? null : new double[rows.length * k];
        double[] s = score == null ? null : new double[rows.length];
        double[] w = weights == null ? null : new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            t[i] = yTrue[r];
            p[i] = yPred[r];
            if (pr != null) {
                System.arraycopy(probs, r * k, pr, i * k, k);
            }
            if (s != null) {
                s[i] = score[r];
            }
            if (w != null) {
                w[i] = weights[r];
            }
        }
        FrameInput sub = new FrameInput(t, p, pr, s, scoreLabel, w, k, classNames, favourable, groups.subset(rows));
        ScoreRanks r = ranks;
        if (r != null) {
            sub.ranks = r.subset(rows);
        }
        return sub;
    }

    private static void checkLabel(int label, int numClasses, String what) {
        if (label < 0 || label >= numClasses) {
            throw new IllegalArgumentException(what + " " + label + " is not a class in 0.." + (numClasses - 1));
        }
    }

    /** Collects and validates the columns; errors name the array, the row and the offending value. */
    public static final class Builder {
        private int[] yTrue;
        private int[] yPred;
        private double[][] probs;
        private double[] score;
        private double[] weights;
        private int favourable = 1;
        private int numClasses = -1;
        private List<String> classNames;
        private boolean naAsGroup;
        private final List<String> names = new ArrayList<>();
        private final List<String[]> columns = new ArrayList<>();

        private Builder() {
        }

        /** True labels, one class index per row (copied). */
        public Builder yTrue(int[] labels) {
            this.yTrue = labels.clone();
            return this;
        }

        /** Predicted labels, one class index per row (copied). */
        public Builder yPred(int[] predictions) {
            this.yPred = predictions.clone();
            return this;
        }

        /** Probability of the favourable label per row (binary, or one-vs-rest for the favourable class). */
        public Builder scores(double[] favourableProbability) {
            this.score = favourableProbability.clone();
            return this;
        }

        /** Probability of each class per row ({@code [n][K]}, copied). */
        public Builder probabilities(double[][] perClass) {
            this.probs = Arrays.stream(perClass).map(double[]::clone).toArray(double[][]::new);
            return this;
        }

        /** Sample weights, finite and ≥ 0, one per row (copied); default 1. */
        public Builder weights(double[] sampleWeights) {
            this.weights = sampleWeights.clone();
            return this;
        }

        /** A sensitive column; several columns make intersectional groups. */
        public Builder sensitive(String name, String[] values) {
            names.add(name);
            columns.add(values.clone());
            return this;
        }

        /** A sensitive column of integer codes, read as their decimal strings. */
        public Builder sensitive(String name, int[] values) {
            String[] s = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                s[i] = Integer.toString(values[i]);
            }
            return sensitive(name, s);
        }

        /** The favourable label (AIF360's {@code favorable_label}); default 1. */
        public Builder favourable(int label) {
            this.favourable = label;
            return this;
        }

        /** Number of classes K ≥ 1; default max label + 1 (at least 2). */
        public Builder numClasses(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("numClasses must be 1 or more, got " + k);
            }
            this.numClasses = k;
            return this;
        }

        /** Names of the classes 0..K−1 (e.g. "cat", "dog"); sets K when {@link #numClasses(int)} is not given. */
        public Builder classNames(List<String> names) {
            this.classNames = List.copyOf(names);
            return this;
        }

        /** Missing sensitive values form their own level {@code NA} (default off: a missing value is an error). */
        public Builder naAsGroup(boolean on) {
            this.naAsGroup = on;
            return this;
        }

        /**
         * Validates and assembles the rows; an {@link IllegalArgumentException} names the array, row and value at
         * fault.
         */
        public FrameInput build() {
            if (yTrue == null || yPred == null) {
                throw new IllegalArgumentException("yTrue and yPred are required");
            }
            int n = yTrue.length;
            checkLength("yPred", yPred.length, n);
            int k = numClasses < 0 && classNames != null ? classNames.size() : numClasses;
            if (k < 0) {
                k = 2;
                for (int i = 0; i < n; i++) {
                    k = Math.max(k, Math.max(yTrue[i], yPred[i]) + 1);
                }
                if (probs != null && n > 0) {
                    k = Math.max(k, probs[0].length);
                }
            }
            for (int i = 0; i < n; i++) {
                checkRowLabel("yTrue", yTrue[i], i, k);
                checkRowLabel("yPred", yPred[i], i, k);
            }
            checkLabel(favourable, k, "favourable label");
            List<String> classes = classNames != null ? classNames
                    : IntStream.range(0, k).mapToObj(Integer::toString).toList();
            if (classes.size() != k) {
                throw new IllegalArgumentException(classes.size() + " class names " + classes + " for " + k
                        + " classes");
            }
            double[] flat = null;
            if (probs != null) {
                checkLength("probabilities", probs.length, n);
                flat = new double[n * k];
                for (int i = 0; i < n; i++) {
                    if (probs[i].length != k) {
                        throw new IllegalArgumentException("probabilities row " + i + " has " + probs[i].length
                                + " columns, expected one per class (" + k + ")");
                    }
                    for (int c = 0; c < k; c++) {
                        flat[i * k + c] = checkProbability("probabilities", probs[i][c], i);
                    }
                }
            }
            if (score != null) {
                checkLength("scores", score.length, n);
                for (int i = 0; i < n; i++) {
                    checkProbability("scores", score[i], i);
                }
            }
            if (weights != null) {
                checkLength("weights", weights.length, n);
                for (int i = 0; i < n; i++) {
                    if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                        throw new IllegalArgumentException("weights row " + i + ": " + weights[i]
                                + " is not a finite non-negative weight");
                    }
                }
            }
            GroupIndex index = GroupIndex.of(names, columns, naAsGroup);
            checkLength("sensitive column '" + names.get(0) + "'", index.size(), n);
            return new FrameInput(yTrue, yPred, flat, score, favourable, weights, k, classes, favourable, index);
        }

        private static void checkLength(String what, int length, int n) {
            if (length != n) {
                throw new IllegalArgumentException(what + " has " + length + " rows but yTrue has " + n);
            }
        }

        private static void checkRowLabel(String what, int label, int row, int k) {
            if (label < 0 || label >= k) {
                throw new IllegalArgumentException(what + " row " + row + ": label " + label
                        + " is not a class in 0.." + (k - 1));
            }
        }

        private static double checkProbability(String what, double p, int row) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(what + " row " + row + ": " + p + " is not a probability in [0, 1]");
            }
            return p;
        }
    }
}
