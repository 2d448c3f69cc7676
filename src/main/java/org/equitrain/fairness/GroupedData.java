package org.equitrain.fairness;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Dataset;
import org.equitrain.data.Rows;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * The parts of a dataset a reweighting trainer reads: features [N, d] in float64, class labels, one protected
 * group code per row (0..G−1, named), the favourable class and the number of classes.
 */
public record GroupedData(Tensor x, int[] y, int[] group, List<String> groupNames, int favourable, int classes) {
    /**
     * Checks that {@code x} is [N, d] with N labels in 0..classes−1 and N group codes in 0..G−1 (G group names), and
     * that the favourable class is a class; copies {@code groupNames}.
     */
    public GroupedData {
        if (x.rank() != 2 || x.dim(0) != y.length || group.length != y.length) {
            throw new IllegalArgumentException("features " + x.shape() + ", " + y.length + " labels and "
                    + group.length + " group codes do not describe the same rows");
        }
        groupNames = List.copyOf(groupNames);
        for (int i = 0; i < y.length; i++) {
            if (group[i] < 0 || group[i] >= groupNames.size()) {
                throw new IllegalArgumentException("group code " + group[i] + " of row " + i + " is not a group in 0.."
                        + (groupNames.size() - 1) + " (" + String.join(", ", groupNames) + ")");
            }
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("label " + y[i] + " of row " + i + " is not a class in 0.."
                        + (classes - 1));
            }
        }
        if (favourable < 0 || favourable >= classes) {
            throw new IllegalArgumentException("favourable class " + favourable + " is not a class in 0.."
                    + (classes - 1));
        }
    }

    /** Rows of {@code data} with group column {@code groupColumn} (all of its levels, in level order). */
    public static GroupedData of(Dataset data, String groupColumn) {
        CategoricalColumn g = data.group(groupColumn);
        return new GroupedData(data.features().to(DType.FLOAT64), data.labels(), g.codes(), new ArrayList<>(g.levels()),
                data.favourableClass(), Math.max(2, data.classCount()));
    }

    /** Number of rows N. */
    public int size() {
        return y.length;
    }

    /** Number of groups G. */
    public int groupCount() {
        return groupNames.size();
    }

    /** The group name of every row. */
    public String[] groupOfRows() {
        String[] names = new String[group.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = groupNames.get(group[i]);
        }
        return names;
    }

    /** The rows {@code rows} of this data, in that order. */
    public GroupedData select(int[] rows) {
        return new GroupedData(Rows.select(x, rows), Rows.pick(y, rows), Rows.pick(group, rows), groupNames,
                favourable, classes);
    }
}
