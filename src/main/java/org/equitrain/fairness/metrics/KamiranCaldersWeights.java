package org.equitrain.fairness.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Kamiran–Calders reweighing (forml.md §2; AIF360 {@code Reweighing}): w(a, y) = P(A=a) P(Y=y) / P(A=a, Y=y), the
 * weights that make group and true label independent in the weighted data. As a dataset-level measure, weights far
 * from 1 show how strongly the label depends on the group. A cell with no rows needs no weight: it is NaN and
 * listed in {@link #emptyCells()}.
 */
public final class KamiranCaldersWeights {
    private final List<Group> groups;
    private final int numClasses;
    /** [group][label]. */
    private final double[][] cell;
    private final double[] rowWeights;
    private final List<String> emptyCells;

    private KamiranCaldersWeights(List<Group> groups, int numClasses, double[][] cell, double[] rowWeights,
            List<String> emptyCells) {
        this.groups = groups;
        this.numClasses = numClasses;
        this.cell = cell;
        this.rowWeights = rowWeights;
        this.emptyCells = List.copyOf(emptyCells);
    }

    /** Weights from the groups and true labels of {@code data}; counts are weighted by its sample weights. */
    public static KamiranCaldersWeights of(FrameInput data) {
        List<Group> groups = data.groups();
        int k = data.numClasses();
        double[][] joint = new double[groups.size()][k];
        int[][] rowCount = new int[groups.size()][k];
        double[] na = new double[groups.size()];
        double[] ny = new double[k];
        double n = 0;
        for (int i = 0; i < data.size(); i++) {
            double w = data.weight(i);
            int a = data.groupIndex().groupOf(i);
            int y = data.yTrue(i);
            joint[a][y] += w;
            rowCount[a][y]++;
            na[a] += w;
            ny[y] += w;
            n += w;
        }
        double[][] cell = new double[groups.size()][k];
        List<String> empty = new ArrayList<>();
        for (int a = 0; a < groups.size(); a++) {
            for (int y = 0; y < k; y++) {
                if (joint[a][y] > 0) {
                    cell[a][y] = na[a] * ny[y] / (n * joint[a][y]); // w(a,y) = n_a n_y / (n n_{a,y})
                } else {
                    cell[a][y] = Double.NaN;
                    if (na[a] > 0 && ny[y] > 0) {
                        empty.add("group '" + groups.get(a).name() + "' has no rows "
                                + (rowCount[a][y] > 0 ? "of positive weight " : "") + "with label " + y);
                    }
                }
            }
        }
        double[] rows = new double[data.size()];
        for (int i = 0; i < rows.length; i++) {
            // AIF360 multiplies the instance weights by w(a, y); a row of weight 0 stays 0 (its cell may be NaN)
            double w = data.weight(i);
            rows[i] = w == 0 ? 0 : w * cell[data.groupIndex().groupOf(i)][data.yTrue(i)];
        }
        return new KamiranCaldersWeights(groups, k, cell, rows, empty);
    }

    /** w(a, y); NaN for a cell with no rows. */
    public double weight(Group group, int label) {
        int g = groups.indexOf(group);
        if (g < 0) {
            throw new IllegalArgumentException("unknown group '" + group.name() + "'; groups are " + groups);
        }
        if (label < 0 || label >= numClasses) {
            throw new IllegalArgumentException("label " + label + " is not a class in 0.." + (numClasses - 1));
        }
        return cell[g][label];
    }

    /** Per-row weights: sample weight × w(a_i, y_i). */
    public double[] rowWeights() {
        return rowWeights.clone();
    }

    /** Cells (group, label) with no rows of positive weight although the group and the label both have some. */
    public List<String> emptyCells() {
        return emptyCells;
    }
}
