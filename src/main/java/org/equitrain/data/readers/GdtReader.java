package org.equitrain.data.readers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Column;
import org.equitrain.data.NumericColumn;
import org.equitrain.data.Table;

/**
 * Reads gretl {@code .gdt} data files (XML, plain or gzipped; datasets.md §5) into a {@link Table}: the
 * {@code <variable name=...>} elements in order, then one {@code <obs>} element per row holding whitespace-separated
 * numbers ({@code NA} = missing). A variable with a {@code <valstrings>} table becomes categorical (gretl codes
 * 1..k index its strings); all others are numeric.
 */
public final class GdtReader {
    private GdtReader() {
    }

    /** Reads a {@code .gdt} file, plain or gzipped. */
    public static Table read(Path file) throws IOException {
        try (InputStream in = Compression.open(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads from {@code in}; {@code source} names the input in error messages. */
    public static Table read(InputStream in, String source) throws IOException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        String name = Path.of(source).getFileName().toString();
        List<String> vars = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        Map<String, List<String>> stringTables = new HashMap<>();
        try {
            XMLStreamReader x = f.createXMLStreamReader(in);
            while (x.hasNext()) {
                if (x.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (x.getLocalName()) {
                    case "gretldata" -> name = x.getAttributeValue(null, "name") != null
                            ? x.getAttributeValue(null, "name") : name;
                    case "variable" -> vars.add(x.getAttributeValue(null, "name"));
                    case "obs" -> rows.add(observation(x, vars.size(), source));
                    case "valstrings" -> stringTables.put(x.getAttributeValue(null, "owner"),
                            quotedStrings(x.getElementText()));
                    default -> {
                    }
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNumber() : -1;
            int col = e.getLocation() != null ? e.getLocation().getColumnNumber() : -1;
            throw DataFormatException.at(source, line, col, "well-formed gretl XML", e.getMessage());
        }
        if (vars.isEmpty()) {
            throw DataFormatException.at(source, 1, -1, "<variable> elements", "none");
        }
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < vars.size(); j++) {
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rows.get(i)[j];
            }
            List<String> strings = stringTables.get(vars.get(j));
            cols.add(strings == null ? new NumericColumn(vars.get(j), v) : categorical(vars.get(j), v, strings));
        }
        return new Table(name, cols);
    }

    private static double[] observation(XMLStreamReader x, int nVars, String source) throws XMLStreamException,
            DataFormatException {
        int line = x.getLocation().getLineNumber();
        String[] tok = x.getElementText().strip().split("\\s+");
        if (tok.length != nVars || nVars == 0) {
            throw DataFormatException.at(source, line, Math.min(tok.length, nVars) + 1,
                    nVars + " values, one per <variable>", tok.length + " values");
        }
        double[] v = new double[nVars];
        for (int j = 0; j < nVars; j++) {
            if (tok[j].equals("NA") || tok[j].equals("nan")) {
                v[j] = Double.NaN;
                continue;
            }
            try {
                v[j] = Double.parseDouble(tok[j]);
            } catch (NumberFormatException e) {
                throw DataFormatException.at(source, line, j + 1, "a number or NA", "'" + tok[j] + "'");
            }
        }
        return v;
    }

    private static CategoricalColumn categorical(String name, double[] v, List<String> strings) {
        int[] codes = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            codes[i] = Double.isNaN(v[i]) ? -1 : (int) v[i] - 1;
        }
        return new CategoricalColumn(name, codes, strings);
    }

    /** Parses {@code "a" "b c" "d"} into its strings. */
    private static List<String> quotedStrings(String text) {
        List<String> out = new ArrayList<>();
        int i = text.indexOf('"');
        while (i >= 0) {
            int j = text.indexOf('"', i + 1);
            if (j < 0) {
                break;
            }
            out.add(text.substring(i + 1, j));
            i = text.indexOf('"', j + 1);
        }
        return out;
    }
}
