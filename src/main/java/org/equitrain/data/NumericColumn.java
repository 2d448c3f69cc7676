package org.equitrain.data;

import java.util.Arrays;
import java.util.List;

/** A column of real numbers; {@code NaN} marks a missing value. */
public final class NumericColumn implements Column {
    private final String name;
    private final double[] values;

    /** Wraps {@code values} without copying; the caller must not modify the array afterwards. */
    public NumericColumn(String name, double[] values) {
        this.name = name;
        this.values = values;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return values.length;
    }

    /** The value of {@code row} ({@code NaN} when missing). */
    public double get(int row) {
        return values[row];
    }

    /** A copy of the values. */
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    @Override
    public NumericColumn select(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new NumericColumn(name, out);
    }

    @Override
    public NumericColumn renamed(String newName) {
        return new NumericColumn(newName, values);
    }

    /** Median of the non-missing values (mean of the two middle ones for an even count). */
    public double median() {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            throw new IllegalStateException("column '" + name + "' has no values");
        }
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
    }

    /**
     * A two-level categorical column: {@code above} where the value is {@code > cut}, {@code atOrBelow} otherwise,
     * missing where the value is missing.
     */
    public CategoricalColumn threshold(String newName, double cut, String atOrBelow, String above) {
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = Double.isNaN(values[i]) ? -1 : values[i] > cut ? 1 : 0;
        }
        return new CategoricalColumn(newName, codes, List.of(atOrBelow, above));
    }
}
