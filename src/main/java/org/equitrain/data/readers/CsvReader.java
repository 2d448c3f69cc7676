package org.equitrain.data.readers;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Column;
import org.equitrain.data.NumericColumn;
import org.equitrain.data.Table;

/**
 * Reads delimited text (RFC 4180: fields in double quotes may hold delimiters, doubled quotes and newlines) into a
 * {@link Table}, inferring each column's type: numeric when every non-missing value is a decimal number, otherwise
 * categorical with its distinct values as levels in sorted order. Types can be forced per column.
 *
 * <p>Missing values: an <em>unquoted</em> field equal to one of the NA tokens (default {@code ""}, {@code NA},
 * {@code ?}, {@code NaN}) is missing; a quoted field is always a value (R's {@code write.csv} convention). Blank lines
 * are skipped. Gzip, bzip2 and xz files are decompressed transparently.
 */
public final class CsvReader {
    private static final Pattern NUMBER = Pattern.compile("\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?\\s*"
            + "|\\s*[+-]?(Inf|inf|Infinity)\\s*");

    private char delimiter = ',';
    private boolean header = true;
    private Set<String> naTokens = Set.of("", "NA", "?", "NaN");
    private final Set<String> forcedCategorical = new HashSet<>();
    private final Set<String> forcedNumeric = new HashSet<>();

    public CsvReader delimiter(char c) {
        this.delimiter = c;
        return this;
    }

    /** The file has no header line; columns are named V1, V2, ... */
    public CsvReader noHeader() {
        this.header = false;
        return this;
    }

    /** Unquoted field values that mean "missing". */
    public CsvReader naTokens(String... tokens) {
        this.naTokens = Set.of(tokens);
        return this;
    }

    /** Columns read as categorical even when their values look numeric (e.g. coded classes). */
    public CsvReader categorical(String... columns) {
        forcedCategorical.addAll(List.of(columns));
        return this;
    }

    /** Columns that must be numeric: a non-number there is a {@link DataFormatException}. */
    public CsvReader numeric(String... columns) {
        forcedNumeric.addAll(List.of(columns));
        return this;
    }

    public Table read(Path file) throws IOException {
        try (Reader r = new InputStreamReader(Compression.open(file), StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    /** Reads from {@code in}; {@code source} names the input in error messages and is the table name. */
    public Table read(Reader in, String source) throws IOException {
        RecordParser p = new RecordParser(in, source, delimiter);
        List<String> names = new ArrayList<>();
        List<List<Field>> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<Field> rec;
        while ((rec = p.next()) != null) {
            if (rec.size() == 1 && !rec.get(0).quoted && rec.get(0).text.isEmpty()) {
                continue;
            }
            if (names.isEmpty()) {
                for (int j = 0; j < rec.size(); j++) {
                    names.add(header ? rec.get(j).text : "V" + (j + 1));
                }
                if (header) {
                    continue;
                }
            }
            if (rec.size() != names.size()) {
                throw DataFormatException.at(source, p.recordLine(), Math.min(rec.size(), names.size()) + 1,
                        names.size() + " fields as in the header", rec.size() + " fields");
            }
            rows.add(rec);
            lines.add(p.recordLine());
        }
        if (names.isEmpty()) {
            throw DataFormatException.at(source, 1, 1, header ? "a header line" : "a data line", "an empty file");
        }
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            cols.add(column(source, names.get(j), j, rows, lines));
        }
        return new Table(Path.of(source).getFileName().toString(), cols);
    }

    private Column column(String source, String name, int j, List<List<Field>> rows, List<Long> lines)
            throws DataFormatException {
        int n = rows.size();
        String[] values = new String[n];
        boolean numeric = !forcedCategorical.contains(name);
        for (int i = 0; i < n; i++) {
            Field f = rows.get(i).get(j);
            values[i] = !f.quoted && naTokens.contains(f.text) ? null : f.text;
            if (values[i] != null && numeric && !NUMBER.matcher(values[i]).matches()) {
                if (forcedNumeric.contains(name)) {
                    throw DataFormatException.at(source, lines.get(i), j + 1, "a number in column '" + name + "'",
                            "'" + values[i] + "'");
                }
                numeric = false;
            }
        }
        if (!numeric) {
            return CategoricalColumn.of(name, values, null);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = values[i] == null ? Double.NaN : parse(values[i].trim());
        }
        return new NumericColumn(name, v);
    }

    private static double parse(String s) {
        String t = s.startsWith("+") ? s.substring(1) : s;
        return switch (t) {
            case "Inf", "inf", "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Inf", "-inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(t);
        };
    }

    private record Field(String text, boolean quoted) {
    }

    /** Splits a character stream into records of fields, tracking line numbers. */
    private static final class RecordParser {
        private final Reader in;
        private final String source;
        private final char delim;
        private long line = 1;
        private long recordLine;
        private int pushback = -2;

        RecordParser(Reader in, String source, char delim) {
            this.in = in.markSupported() ? in : new java.io.BufferedReader(in, 1 << 16);
            this.source = source;
            this.delim = delim;
        }

        long recordLine() {
            return recordLine;
        }

        private int read() throws IOException {
            if (pushback != -2) {
                int c = pushback;
                pushback = -2;
                return c;
            }
            return in.read();
        }

        /** The next record, or null at the end of input. */
        List<Field> next() throws IOException {
            int c = read();
            if (c == -1) {
                return null;
            }
            recordLine = line;
            List<Field> fields = new ArrayList<>();
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            while (true) {
                if (c == '"' && sb.length() == 0 && !quoted) {
                    quoted = true;
                    readQuoted(sb);
                    c = read();
                    if (c != delim && c != '\n' && c != '\r' && c != -1) {
                        throw DataFormatException.at(source, line, fields.size() + 1,
                                "a delimiter after the closing quote", "'" + (char) c + "'");
                    }
                    continue;
                }
                if (c == delim) {
                    fields.add(new Field(sb.toString(), quoted));
                    sb.setLength(0);
                    quoted = false;
                } else if (c == '\n' || c == '\r' || c == -1) {
                    if (c == '\r') {
                        int d = read();
                        if (d != '\n') {
                            pushback = d;
                        }
                    }
                    if (c != -1) {
                        line++;
                    }
                    fields.add(new Field(sb.toString(), quoted));
                    return fields;
                } else {
                    sb.append((char) c);
                }
                c = read();
            }
        }

        private void readQuoted(StringBuilder sb) throws IOException {
            long start = line;
            while (true) {
                int c = read();
                if (c == -1) {
                    throw DataFormatException.at(source, start, -1, "a closing quote for the field opened here",
                            "the end of the file");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        sb.append('"');
                        continue;
                    }
                    pushback = d;
                    return;
                }
                if (c == '\n') {
                    line++;
                }
                sb.append((char) c);
            }
        }
    }
}
