package org.equitrain.data;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.equitrain.tensor.Permutations;

/**
 * Label noise confined to one group (forml.md §8, after L2RW's settings): of the eligible rows (those of one group
 * level, or all rows) exactly round(rate · count) rows are chosen uniformly at random with a seed, and their labels
 * are replaced. The chosen rows are recorded ({@link Dataset#isCorrupted(int)}) with their clean labels
 * ({@link Dataset#cleanLabels()}), which survive later selection and splitting.
 */
public final class LabelCorruption {
    /** How a chosen label is replaced. */
    public enum Mode {
        /** L2RW UniformFlip: a uniformly random class, which may equal the original. */
        UNIFORM,
        /** A uniformly random class different from the original. */
        UNIFORM_OTHER,
        /** L2RW BackgroundFlip: one fixed class. */
        TO_CLASS
    }

    private final Mode mode;
    private final double rate;
    private final int toClass;

    private LabelCorruption(Mode mode, double rate, int toClass) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("corruption rate " + rate + " is not in [0, 1]");
        }
        this.mode = mode;
        this.rate = rate;
        this.toClass = toClass;
    }

    /**
     * Replaces a fraction {@code rate} in [0, 1] of the eligible labels by a uniformly random class
     * ({@link Mode#UNIFORM}).
     */
    public static LabelCorruption uniform(double rate) {
        return new LabelCorruption(Mode.UNIFORM, rate, -1);
    }

    /**
     * Replaces a fraction {@code rate} in [0, 1] of the eligible labels by a different, uniformly random class
     * ({@link Mode#UNIFORM_OTHER}).
     */
    public static LabelCorruption uniformOther(double rate) {
        return new LabelCorruption(Mode.UNIFORM_OTHER, rate, -1);
    }

    /**
     * Replaces a fraction {@code rate} in [0, 1] of the eligible labels by class {@code classIndex}
     * ({@link Mode#TO_CLASS}); the index is checked against the dataset in {@link #apply}.
     */
    public static LabelCorruption toClass(int classIndex, double rate) {
        return new LabelCorruption(Mode.TO_CLASS, rate, classIndex);
    }

    /** How a chosen label is replaced. */
    public Mode mode() {
        return mode;
    }

    /** The fraction of eligible rows chosen, in [0, 1]. */
    public double rate() {
        return rate;
    }

    /** Corrupts rows where group {@code column} has level {@code level}; {@code column == null} means all rows. */
    public Dataset apply(Dataset data, String column, String level, long seed) {
        int k = data.classCount();
        if (mode == Mode.TO_CLASS && (toClass < 0 || toClass >= k)) {
            throw new IllegalArgumentException("corruption target class " + toClass + " is not one of "
                    + data.classNames());
        }
        if (mode == Mode.UNIFORM_OTHER && k < 2) {
            throw new IllegalArgumentException("dataset '" + data.name() + "' has one class; nothing to flip to");
        }
        int[] eligible;
        if (column == null) {
            eligible = IntStream.range(0, data.size()).toArray();
        } else {
            CategoricalColumn g = data.group(column);
            int code = g.levelIndex(level);
            eligible = IntStream.range(0, data.size()).filter(i -> g.code(i) == code).toArray();
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Permutations.shuffle(eligible, rng);
        int chosen = (int) Math.round(rate * eligible.length);
        int[] labels = data.labels();
        int[] clean = data.cleanLabels();
        boolean[] corrupted = new boolean[data.size()];
        for (int i = 0; i < data.size(); i++) {
            corrupted[i] = data.isCorrupted(i);
        }
        for (int c = 0; c < chosen; c++) {
            int row = eligible[c];
            corrupted[row] = true;
            labels[row] = switch (mode) {
                case UNIFORM -> rng.nextInt(k);
                case UNIFORM_OTHER -> (labels[row] + 1 + rng.nextInt(k - 1)) % k;
                case TO_CLASS -> toClass;
            };
        }
        CategoricalColumn y = data.labelColumn();
        String where = column == null ? "all rows" : column + "=" + level;
        return data.toBuilder()
                .labels(new CategoricalColumn(y.name(), labels, y.levels()))
                .corruption(corrupted, clean)
                .provenance(data.provenance().then("corrupt labels " + mode + (mode == Mode.TO_CLASS ? " to "
                        + data.classNames().get(toClass) : "") + " rate " + rate + " on " + where + ": " + chosen
                        + " of " + eligible.length + " rows (seed " + seed + ")"))
                .build();
    }
}
