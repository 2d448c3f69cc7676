package org.equitrain.data.readers.rdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Column;
import org.equitrain.data.NumericColumn;
import org.equitrain.data.Table;
import org.equitrain.data.readers.DataFormatException;

/**
 * Converts an R {@code data.frame} (a list with {@code names}, {@code class = "data.frame"} and {@code row.names})
 * into a {@link Table}: factors (1-based integer codes with {@code levels}) become categorical columns with R's level
 * order; integer and real columns numeric (NA → NaN); logical columns categorical {@code FALSE}/{@code TRUE};
 * character columns categorical with sorted levels.
 */
public final class RDataFrames {
    private RDataFrames() {
    }

    /** The data.frame {@code df} as a table called {@code name}; {@code source} names the file in errors. */
    public static Table toTable(String name, RObject df, String source) throws DataFormatException {
        if (df.type() != RObject.VECSXP || !df.inherits("data.frame")) {
            throw DataFormatException.atOffset(source, -1, "a data.frame for '" + name + "'", df.toString());
        }
        List<String> names = df.names();
        List<RObject> values = df.elements();
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < values.size(); j++) {
            String col = names.size() > j && names.get(j) != null ? names.get(j) : "V" + (j + 1);
            cols.add(column(col, values.get(j), name, source));
        }
        return new Table(name, cols);
    }

    private static Column column(String col, RObject v, String frame, String source) throws DataFormatException {
        if (v.attributes().containsKey("dim")) {
            throw unsupported(col, "a matrix", frame, source);
        }
        switch (v.type()) {
            case RObject.INTSXP: {
                int[] x = v.ints();
                if (v.inherits("factor")) {
                    String[] levels = v.attr("levels").strings();
                    int[] codes = new int[x.length];
                    for (int i = 0; i < x.length; i++) {
                        codes[i] = x[i] == RObject.NA_INTEGER ? -1 : x[i] - 1;
                    }
                    return new CategoricalColumn(col, codes, Arrays.asList(levels));
                }
                double[] d = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    d[i] = x[i] == RObject.NA_INTEGER ? Double.NaN : x[i];
                }
                return new NumericColumn(col, d);
            }
            case RObject.REALSXP:
                return new NumericColumn(col, v.doubles());
            case RObject.LGLSXP: {
                int[] x = v.ints();
                int[] codes = new int[x.length];
                for (int i = 0; i < x.length; i++) {
                    codes[i] = x[i] == RObject.NA_INTEGER ? -1 : x[i] != 0 ? 1 : 0;
                }
                return new CategoricalColumn(col, codes, List.of("FALSE", "TRUE"));
            }
            case RObject.STRSXP:
                return CategoricalColumn.of(col, v.strings(), null);
            default:
                throw unsupported(col, "R type " + v.type(), frame, source);
        }
    }

    private static DataFormatException unsupported(String col, String what, String frame, String source) {
        return DataFormatException.atOffset(source, -1, "factor, integer, real, logical or character columns in "
                + "data.frame '" + frame + "'", "column '" + col + "' is " + what);
    }
}
