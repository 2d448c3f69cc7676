package org.equitrain.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.equitrain.data.Quantiles;
import org.equitrain.fairness.GroupedData;
import org.equitrain.report.BarChart;
import org.equitrain.report.Report;

/**
 * The figure of {@code equitrain train}'s report that shows the learned per-example training weights (weights.csv)
 * by (group, label) cell of the training rows: the mean weight of each cell as a bar, whiskers from its lower to its
 * upper quartile, and a dashed line at 1, the weight ERM gives every row. Weights that are all 1 (ERM) get a sentence
 * instead.
 */
final class TrainingWeightsFigure {
    private TrainingWeightsFigure() {
    }

    /**
     * Adds the figure, or the sentence, to {@code report}.
     *
     * @param weights      the learned weight of each training row, in {@code train}'s order
     * @param classNames   the label's classes, by index
     * @param groupColumns the protected-attribute columns the groups are formed from
     */
    static void add(Report report, String method, double[] weights, GroupedData train, List<String> classNames,
            String label, List<String> groupColumns) {
        if (Arrays.stream(weights).allMatch(w -> w == 1)) {
            report.paragraph("Every training row has weight 1 (weights.csv), as in ERM.");
            return;
        }
        report.figure(chart(method, weights, train, classNames, label, groupColumns), "The training weights "
                + method + " learned (weights.csv): how much each training row counts in the training loss, where "
                + "ERM counts every row 1. Per (group, label) cell of the training rows: bar, the mean weight; "
                + "whiskers, the lower to the upper quartile; dashed line, weight 1. Cells without rows are left out.");
    }

    /** The bar chart: one bar per non-empty (group, label) cell, named with its size. */
    static BarChart chart(String method, double[] weights, GroupedData train, List<String> classNames, String label,
            List<String> groupColumns) {
        if (weights.length != train.size()) {
            throw new IllegalArgumentException(method + ": " + weights.length + " weights for " + train.size()
                    + " training rows");
        }
        List<String> names = new ArrayList<>();
        List<double[]> stats = new ArrayList<>(); // mean, lower quartile, upper quartile
        for (int g = 0; g < train.groupCount(); g++) {
            for (int c = 0; c < train.classes(); c++) {
                double[] cell = cell(weights, train, g, c);
                if (cell.length > 0) {
                    names.add(train.groupNames().get(g) + " · " + classNames.get(c) + " (n=" + cell.length + ")");
                    stats.add(new double[] {Arrays.stream(cell).average().orElseThrow(),
                        Quantiles.ofSorted(cell, 0.25), Quantiles.ofSorted(cell, 0.75)});
                }
            }
        }
        return new BarChart().title(method + ": learned training weights by group and label")
                .xLabel(String.join(" × ", groupColumns) + " · " + label).yLabel("training weight")
                .categories(names.toArray(String[]::new))
                .series("", column(stats, 0), column(stats, 1), column(stats, 2))
                .referenceLine(1, "weight 1 (ERM)");
    }

    /** The sorted weights of the rows of group {@code g} with class {@code c}. */
    private static double[] cell(double[] weights, GroupedData train, int g, int c) {
        double[] out = new double[weights.length];
        int n = 0;
        for (int i = 0; i < weights.length; i++) {
            if (train.group()[i] == g && train.y()[i] == c) {
                out[n++] = weights[i];
            }
        }
        double[] cell = Arrays.copyOf(out, n);
        Arrays.sort(cell);
        return cell;
    }

    private static double[] column(List<double[]> rows, int k) {
        return rows.stream().mapToDouble(r -> r[k]).toArray();
    }
}
