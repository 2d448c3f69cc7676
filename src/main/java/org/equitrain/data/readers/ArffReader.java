package org.equitrain.data.readers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Column;
import org.equitrain.data.NumericColumn;
import org.equitrain.data.Table;

/**
 * Reads Weka ARFF files (datasets.md §5) into a {@link Table}: {@code @attribute name {a, 'b c', ...}} becomes a
 * categorical column with the declared levels in declared order; {@code numeric}, {@code real} and {@code integer}
 * become numeric columns; {@code string} and {@code date} become categorical columns with sorted levels. Data lines
 * are comma-separated, tokens may be single- or double-quoted (backslash escapes), {@code ?} is missing, {@code %}
 * starts a comment. Sparse data lines ({@code {0 x, 3 y}}) are not supported.
 */
public final class ArffReader {
    private enum Kind { NUMERIC, NOMINAL, STRING }

    private record Attribute(String name, Kind kind, List<String> levels) {
    }

    /**
     * Reads an ARFF file, plain or compressed (see {@link Compression}); the table is named by {@code @relation}, else
     * after the file.
     */
    public Table read(Path file) throws IOException {
        try (Reader r = new InputStreamReader(Compression.open(file), StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    /** Reads from {@code in}; {@code source} names the input in error messages. */
    public Table read(Reader in, String source) throws IOException {
        BufferedReader br = new BufferedReader(in);
        String relation = Path.of(source).getFileName().toString();
        List<Attribute> attrs = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        List<Long> rowLines = new ArrayList<>();
        boolean inData = false;
        long lineNo = 0;
        String line;
        while ((line = br.readLine()) != null) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("%")) {
                continue;
            }
            if (!inData) {
                String lower = t.toLowerCase(Locale.ROOT);
                if (lower.startsWith("@relation")) {
                    List<String> tok = tokens(t.substring(9).strip(), ' ', source, lineNo);
                    relation = tok.isEmpty() ? relation : tok.get(0);
                } else if (lower.startsWith("@attribute")) {
                    attrs.add(attribute(t.substring(10).strip(), source, lineNo));
                } else if (lower.startsWith("@data")) {
                    inData = true;
                } else {
                    throw DataFormatException.at(source, lineNo, 1, "@relation, @attribute or @data",
                            "'" + abbreviate(t) + "'");
                }
                continue;
            }
            if (t.startsWith("{")) {
                throw DataFormatException.at(source, lineNo, 1, "a dense data line (sparse ARFF is not supported)",
                        "'" + abbreviate(t) + "'");
            }
            List<String> tok = tokens(t, ',', source, lineNo);
            if (tok.size() != attrs.size()) {
                throw DataFormatException.at(source, lineNo, Math.min(tok.size(), attrs.size()) + 1,
                        attrs.size() + " values, one per @attribute", tok.size() + " values");
            }
            rows.add(tok.toArray(new String[0]));
            rowLines.add(lineNo);
        }
        if (!inData) {
            throw DataFormatException.at(source, lineNo, -1, "an @data section", "the end of the file");
        }
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < attrs.size(); j++) {
            cols.add(column(attrs.get(j), j, rows, rowLines, source));
        }
        return new Table(relation, cols);
    }

    private static Column column(Attribute a, int j, List<String[]> rows, List<Long> lines, String source)
            throws DataFormatException {
        int n = rows.size();
        if (a.kind == Kind.NUMERIC) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                String s = rows.get(i)[j];
                try {
                    v[i] = s == null ? Double.NaN : Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw DataFormatException.at(source, lines.get(i), j + 1,
                            "a number for numeric attribute '" + a.name + "'", "'" + s + "'");
                }
            }
            return new NumericColumn(a.name, v);
        }
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = rows.get(i)[j];
            if (a.kind == Kind.NOMINAL && values[i] != null && !a.levels.contains(values[i])) {
                throw DataFormatException.at(source, lines.get(i), j + 1,
                        "one of " + a.levels + " for nominal attribute '" + a.name + "'", "'" + values[i] + "'");
            }
        }
        return CategoricalColumn.of(a.name, values, a.kind == Kind.NOMINAL ? a.levels : null);
    }

    private static Attribute attribute(String spec, String source, long line) throws DataFormatException {
        List<String> nameAndRest = firstToken(spec, source, line);
        String name = nameAndRest.get(0);
        String type = nameAndRest.get(1).strip();
        if (type.startsWith("{")) {
            int close = type.lastIndexOf('}');
            if (close < 0) {
                throw DataFormatException.at(source, line, -1, "'}' closing the levels of '" + name + "'", type);
            }
            List<String> levels = tokens(type.substring(1, close), ',', source, line);
            if (levels.contains(null)) {
                throw DataFormatException.at(source, line, -1, "level names for '" + name + "'", "'?'");
            }
            return new Attribute(name, Kind.NOMINAL, levels);
        }
        String kw = type.split("\\s+")[0].toLowerCase(Locale.ROOT);
        return switch (kw) {
            case "numeric", "real", "integer" -> new Attribute(name, Kind.NUMERIC, List.of());
            case "string", "date" -> new Attribute(name, Kind.STRING, List.of());
            default -> throw DataFormatException.at(source, line, -1,
                    "an attribute type (numeric, real, integer, string, date or {levels}) for '" + name + "'",
                    "'" + type + "'");
        };
    }

    /** Splits "name rest" where name may be quoted. */
    private static List<String> firstToken(String s, String source, long line) throws DataFormatException {
        if (s.isEmpty()) {
            throw DataFormatException.at(source, line, -1, "an attribute name and type", "nothing");
        }
        char q = s.charAt(0);
        int end;
        String name;
        if (q == '\'' || q == '"') {
            end = s.indexOf(q, 1);
            if (end < 0) {
                throw DataFormatException.at(source, line, -1, "a closing " + q, "'" + s + "'");
            }
            name = s.substring(1, end);
            end++;
        } else {
            end = 0;
            while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '{') {
                end++;
            }
            name = s.substring(0, end);
        }
        return List.of(name, s.substring(end));
    }

    /**
     * Splits on {@code sep} outside quotes; trims unquoted tokens; an unquoted {@code ?} becomes null. Quoted tokens
     * keep inner spaces and undo backslash escapes.
     */
    static List<String> tokens(String s, char sep, String source, long line) throws DataFormatException {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i <= n) {
            while (i < n && s.charAt(i) != sep && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i < n && (s.charAt(i) == '\'' || s.charAt(i) == '"')) {
                char q = s.charAt(i);
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (j < n && s.charAt(j) != q) {
                    if (s.charAt(j) == '\\' && j + 1 < n) {
                        j++;
                    }
                    sb.append(s.charAt(j++));
                }
                if (j >= n) {
                    throw DataFormatException.at(source, line, out.size() + 1, "a closing " + q,
                            "the end of the line");
                }
                out.add(sb.toString());
                i = j + 1;
                while (i < n && s.charAt(i) != sep && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i < n && s.charAt(i) != sep) {
                    throw DataFormatException.at(source, line, out.size(), "'" + sep + "' after a quoted value",
                            "'" + s.charAt(i) + "'");
                }
            } else {
                int j = i;
                while (j < n && s.charAt(j) != sep) {
                    j++;
                }
                String tok = s.substring(i, j).strip();
                if (tok.isEmpty() && sep == ' ') {
                    i = j + 1;
                    continue;
                }
                out.add(tok.equals("?") ? null : tok);
                i = j;
            }
            i++;
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
