package org.equitrain.data.readers;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Column;
import org.equitrain.data.NumericColumn;
import org.equitrain.data.Table;

/**
 * Reads UTF-8 delimited text (RFC 4180: fields in double quotes may hold delimiters, doubled quotes and newlines)
 * into a {@link Table} of at least one data row, inferring each column's type from its non-missing values:
 * <ul>
 *   <li>numeric when more than half of them are numbers; every other value in it is then an error naming its line
 *       and column (a typo, not a reason to make 400 measurements 400 categories), and so is an infinite one
 *       ({@code Inf}, {@code -Infinity});</li>
 *   <li>otherwise categorical, its distinct values the levels in sorted order (codes like {@code A1}, {@code B2},
 *       {@code yes}/{@code no}, and text columns in which some values happen to be numbers);</li>
 *   <li>numeric when it has no non-missing value.</li>
 * </ul>
 * Types can be forced per column ({@link #categorical}, {@link #numeric}).
 *
 * <p>Missing values: an <em>unquoted</em> field equal to one of the NA tokens (default {@code ""}, {@code NA},
 * {@code ?}, {@code NaN}) is missing, in any column; what becomes of its row is the caller's
 * {@link org.equitrain.data.NaPolicy}. A quoted field is always a value (R's {@code write.csv} convention). Blank lines
 * are skipped, and so is a leading byte-order mark. Gzip, bzip2 and xz files are decompressed transparently. Bytes
 * that are not UTF-8 are an error at their line.
 */
public final class CsvReader {
    /** A decimal number, or an infinity as R and Java spell it (a number for type inference, an error as a value). */
    private static final Pattern NUMBER = Pattern.compile("\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?\\s*"
            + "|\\s*[+-]?(Inf|inf|Infinity)\\s*");

    private char delimiter = ',';
    private boolean header = true;
    private Set<String> naTokens = Set.of("", "NA", "?", "NaN");
    private final Set<String> forcedCategorical = new HashSet<>();
    private final Set<String> forcedNumeric = new HashSet<>();
    private final Map<String, Requirement> requirements = new HashMap<>();

    private record Requirement(String expected, Predicate<String> test) {
    }

    /** The field separator (default {@code ','}). */
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

    /**
     * Every value of {@code column} must pass {@code test}, which sees the field's text, or null when missing; the
     * first that fails is a {@link DataFormatException} at its line and column expecting {@code expected} (e.g. "a
     * probability in [0, 1]"). Replaces an earlier requirement on the column; a column not in the file is not checked.
     */
    public CsvReader require(String column, String expected, Predicate<String> test) {
        requirements.put(column, new Requirement(expected, test));
        return this;
    }

    /** Reads a CSV file, plain or compressed (see {@link Compression}); the table is named after the file. */
    public Table read(Path file) throws IOException {
        try (Reader r = new Utf8Reader(Compression.open(file))) {
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
                    String name = header ? rec.get(j).text : "V" + (j + 1);
                    if (names.contains(name)) {
                        throw DataFormatException.at(source, p.recordLine(), j + 1, "a column name not used before "
                                + "in the header", "'" + name + "' again (column " + (names.indexOf(name) + 1) + ")");
                    }
                    names.add(name);
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
        if (rows.isEmpty()) {
            throw DataFormatException.at(source, -1, -1, "a data row after the header", "the end of the file");
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
        int present = 0;
        int numbers = 0;
        for (int i = 0; i < n; i++) {
            Field f = rows.get(i).get(j);
            values[i] = !f.quoted && naTokens.contains(f.text) ? null : f.text;
            if (values[i] != null) {
                present++;
                numbers += NUMBER.matcher(values[i]).matches() ? 1 : 0;
            }
        }
        boolean inferred = !forcedNumeric.contains(name);
        boolean numeric = !forcedCategorical.contains(name) && (!inferred || 2 * numbers > present || present == 0);
        Requirement required = requirements.get(name);
        double[] v = numeric ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            String value = values[i];
            if (numeric && value != null && !NUMBER.matcher(value).matches()) {
                throw DataFormatException.at(source, lines.get(i), j + 1, "a number in column '" + name + "'",
                        "'" + value + "'" + (inferred ? " (" + numbers + " of its " + present + " values are numbers)"
                                : ""));
            }
            if (required != null && !required.test().test(value)) {
                String text = rows.get(i).get(j).text;
                throw DataFormatException.at(source, lines.get(i), j + 1, required.expected() + " in column '" + name
                        + "'", value != null ? "'" + value + "'"
                        : "a missing value" + (text.isEmpty() ? "" : " ('" + text + "')"));
            }
            if (numeric) {
                v[i] = value == null ? Double.NaN : parse(value.trim());
                if (Double.isInfinite(v[i])) {
                    throw DataFormatException.at(source, lines.get(i), j + 1, "a finite number in column '" + name
                            + "'", "'" + value + "'");
                }
            }
        }
        return numeric ? new NumericColumn(name, v) : CategoricalColumn.of(name, values, null);
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

        RecordParser(Reader in, String source, char delim) throws IOException {
            this.in = in.markSupported() ? in : new java.io.BufferedReader(in, 1 << 16);
            this.source = source;
            this.delim = delim;
            int first = read();
            pushback = first == '\uFEFF' ? -2 : first; // a UTF-8 byte-order mark (Excel writes one) is not data
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
            try {
                return in.read();
            } catch (CharacterCodingException e) {
                throw DataFormatException.at(source, line, -1, "UTF-8 text",
                        "bytes that are not valid UTF-8 (save the file as UTF-8)");
            }
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
