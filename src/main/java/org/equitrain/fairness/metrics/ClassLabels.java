package org.equitrain.fairness.metrics;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.equitrain.data.CategoricalColumn;

/**
 * The classes of an audit's label and prediction columns, read as text (spec §1). When every value of both columns
 * is a non-negative integer ("0", "1", "2.0") the values are the class indices. Otherwise they are class names: the
 * distinct values of both columns in sorted order, as {@code equitrain train} orders them. Both columns share this
 * one set of classes (their union), so a prediction naming a class that no label has is a class of its own, every
 * row predicting it wrong. A number that is not a class index ("-1", "0.5": probably scores, not labels) is an error,
 * and so is a mixed encoding ({@link #mixedEncoding}): predictions are written as the labels are.
 */
final class ClassLabels {
    /** What a label field must be, for error messages. */
    static final String EXPECTED = "a class label (a non-negative integer, or a name that is not a number)";

    /** Label names an error message shows before "...". */
    private static final int SHOWN = 5;

    private static final Pattern NUMBER = Pattern.compile("\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?\\s*");

    final int[] yTrue;
    final int[] yPred;
    /** The class names, or null when the labels are class indices. */
    final List<String> names;
    final int favourable;

    private ClassLabels(int[] yTrue, int[] yPred, List<String> names, int favourable) {
        this.yTrue = yTrue;
        this.yPred = yPred;
        this.names = names;
        this.favourable = favourable;
    }

    /** Whether a field can be a label: present, and a class index if it is a number. */
    static boolean isLabel(String text) {
        return text != null && (!NUMBER.matcher(text).matches() || index(text) >= 0);
    }

    /**
     * The classes of the two columns (every value passed {@link #isLabel}). {@code favourable} is a class index or
     * name; null means 1 for class indices and the second class in sorted order (the only one if there is one) for
     * class names.
     */
    static ClassLabels of(CategoricalColumn label, CategoricalColumn prediction, String favourable) {
        TreeSet<String> union = new TreeSet<>(label.levels());
        union.addAll(prediction.levels());
        if (union.stream().allMatch(t -> index(t) >= 0)) {
            int[] t = codes(label, index(label.levels()));
            int[] p = codes(prediction, index(prediction.levels()));
            int classes = 2;
            for (int i = 0; i < t.length; i++) {
                classes = Math.max(classes, Math.max(t[i], p[i]) + 1);
            }
            int f = favourable == null ? 1 : index(favourable.trim());
            if (f < 0 || f >= classes) {
                throw new IllegalArgumentException("--favourable '" + favourable + "' is not a class: the labels are"
                        + " the class indices 0.." + (classes - 1));
            }
            return new ClassLabels(t, p, null, f);
        }
        List<String> names = List.copyOf(union);
        int f = favourable == null ? Math.min(1, names.size() - 1) : names.indexOf(favourable);
        if (f < 0) {
            throw new IllegalArgumentException("--favourable '" + favourable + "' is not a class; the classes are "
                    + String.join(", ", names));
        }
        return new ClassLabels(codes(label, position(label.levels(), names)),
                codes(prediction, position(prediction.levels(), names)), names, f);
    }

    /** What every prediction must be, in words and as a test of its text. */
    record Expectation(String expected, Predicate<String> test) {
    }

    /**
     * What the predictions must be when they are written otherwise than the labels, or null when both columns are
     * written alike. Labels that are all class indices want class indices, so a prediction that is a name ("yes") is
     * a mixed encoding. Labels that are names want names, so predictions that are all class indices are a mixed
     * encoding unless each is one of the label names (names may be numbers: "1", "2", "3+"). Names on both sides
     * are not: a name only predicted is a class of its own.
     */
    static Expectation mixedEncoding(CategoricalColumn label, CategoricalColumn prediction) {
        boolean labelIndices = label.levels().stream().allMatch(t -> index(t) >= 0);
        boolean predictionIndices = prediction.levels().stream().allMatch(t -> index(t) >= 0);
        if (labelIndices && !predictionIndices) {
            return new Expectation("a class index like the labels in column '" + label.name() + "' (0, 1, ...)",
                    t -> index(t) >= 0);
        }
        Set<String> names = Set.copyOf(label.levels());
        if (!labelIndices && predictionIndices && !names.containsAll(prediction.levels())) {
            List<String> shown = label.levels().subList(0, Math.min(SHOWN, label.levelCount()));
            return new Expectation("a class name like the labels in column '" + label.name() + "' ("
                    + String.join(", ", shown) + (label.levelCount() > SHOWN ? ", ..." : "") + ")", names::contains);
        }
        return null;
    }

    /** The class index a label's text writes, or -1 when it is not a non-negative integer. */
    private static int index(String text) {
        if (!NUMBER.matcher(text).matches()) {
            return -1;
        }
        double v = Double.parseDouble(text.trim());
        return v == Math.rint(v) && v >= 0 && v < Integer.MAX_VALUE ? (int) v : -1;
    }

    private static int[] index(List<String> levels) {
        return levels.stream().mapToInt(ClassLabels::index).toArray();
    }

    private static int[] position(List<String> levels, List<String> names) {
        return levels.stream().mapToInt(names::indexOf).toArray();
    }

    /** The class of each row: {@code classOfLevel} applied to the column's level codes. */
    private static int[] codes(CategoricalColumn column, int[] classOfLevel) {
        int[] out = new int[column.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = classOfLevel[column.code(i)];
        }
        return out;
    }
}
