package org.equitrain.fairness.metrics;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV table {@code equitrain audit} reads: a header row, then one record per row; comma-separated, fields may be
 * double-quoted (RFC 4180). Typed column access with errors that name the file, the column and the line.
 * (To be switched to the shared {@code org.equitrain.data.readers.CsvReader} once it exists.)
 */
public final class AuditTable {
    private final String file;
    private final List<String> header;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final List<String[]> records;
    private final int[] lines;

    private AuditTable(String file, List<String> header, List<String[]> records, int[] lines) {
        this.file = file;
        this.header = List.copyOf(header);
        for (int c = 0; c < header.size(); c++) {
            if (index.putIfAbsent(header.get(c), c) != null) {
                throw new IllegalArgumentException(file + " line 1: column '" + header.get(c) + "' appears twice");
            }
        }
        this.records = records;
        this.lines = lines;
    }

    /** Reads a CSV file; errors name the file and line. */
    public static AuditTable read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("data file '" + path + "' does not exist");
        }
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(path.toString(), r);
        }
    }

    /** Parses CSV text; {@code file} names it in errors. */
    public static AuditTable parse(String file, Reader in) throws IOException {
        CsvRecords csv = new CsvRecords(file, in);
        List<String> header = csv.next();
        if (header == null) {
            throw new IllegalArgumentException(file + " is empty: expected a header row");
        }
        header.replaceAll(String::trim);
        if (header.get(0).startsWith("\uFEFF")) { // byte-order mark
            header.set(0, header.get(0).substring(1));
        }
        List<String[]> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> rec;
        while ((rec = csv.next()) != null) {
            if (rec.size() == 1 && rec.get(0).isEmpty()) {
                continue; // blank line
            }
            if (rec.size() != header.size()) {
                throw new IllegalArgumentException(file + " line " + csv.recordLine() + ": " + rec.size()
                        + " fields, but the header has " + header.size());
            }
            records.add(rec.toArray(String[]::new));
            lines.add(csv.recordLine());
        }
        return new AuditTable(file, header, records, lines.stream().mapToInt(Integer::intValue).toArray());
    }

    public List<String> columns() {
        return header;
    }

    public int rows() {
        return records.size();
    }

    /** Line of the file where row {@code i} starts (the header is line 1). */
    public int line(int row) {
        return lines[row];
    }

    /** The raw text of a column; an empty field is {@code ""}. */
    public String[] strings(String column) {
        int c = column(column);
        String[] out = new String[records.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = records.get(i)[c].trim();
        }
        return out;
    }

    /** A column of class labels: non-negative integers (written as {@code 1} or {@code 1.0}). */
    public int[] labels(String column, String role) {
        String[] s = strings(column);
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            double v = number(s[i], column, role, i);
            if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
                throw error(column, role, i, "'" + s[i] + "' is not a class label (a non-negative integer)");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** A column of probabilities in [0, 1]. */
    public double[] probabilities(String column, String role) {
        double[] out = numbers(column, role);
        for (int i = 0; i < out.length; i++) {
            if (!(out[i] >= 0 && out[i] <= 1)) {
                throw error(column, role, i, out[i] + " is not a probability in [0, 1]");
            }
        }
        return out;
    }

    /** A column of finite non-negative numbers (sample weights). */
    public double[] weights(String column, String role) {
        double[] out = numbers(column, role);
        for (int i = 0; i < out.length; i++) {
            if (!(out[i] >= 0) || Double.isInfinite(out[i])) {
                throw error(column, role, i, out[i] + " is not a finite non-negative weight");
            }
        }
        return out;
    }

    /** A categorical column; a missing value is an error unless {@code naAsGroup}, when it stays empty. */
    public String[] categories(String column, String role, boolean naAsGroup) {
        String[] s = strings(column);
        for (int i = 0; i < s.length && !naAsGroup; i++) {
            if (s[i].isEmpty()) {
                throw error(column, role, i, "missing value (use --na-as-group to make missing values a group)");
            }
        }
        return s;
    }

    private double[] numbers(String column, String role) {
        String[] s = strings(column);
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = number(s[i], column, role, i);
        }
        return out;
    }

    private double number(String s, String column, String role, int row) {
        if (s.isEmpty()) {
            throw error(column, role, row, "missing value");
        }
        try {
            double v = Double.parseDouble(s);
            if (Double.isNaN(v)) {
                throw error(column, role, row, "'" + s + "' is not a number");
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(column, role, row, "'" + s + "' is not a number");
        }
    }

    private int column(String name) {
        Integer c = index.get(name);
        if (c == null) {
            throw new IllegalArgumentException("column '" + name + "' not found in " + file + "; its columns are "
                    + String.join(", ", header));
        }
        return c;
    }

    private IllegalArgumentException error(String column, String role, int row, String what) {
        return new IllegalArgumentException(file + " line " + lines[row] + ", column '" + column + "' (" + role
                + "): " + what);
    }

    /** RFC 4180 record splitter that tracks the line where each record starts. */
    private static final class CsvRecords {
        private final String file;
        private final Reader in;
        private int line = 1;
        private int recordLine;
        private int peeked = -2;

        CsvRecords(String file, Reader in) {
            this.file = file;
            this.in = in;
        }

        int recordLine() {
            return recordLine;
        }

        /** The next record's fields, or null at the end of input. */
        List<String> next() throws IOException {
            int c = read();
            if (c == -1) {
                return null;
            }
            recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean inQuotes = false;
            while (true) {
                if (inQuotes) {
                    if (c == -1) {
                        throw new IllegalArgumentException(file + " line " + recordLine
                                + ": a quoted field is not closed");
                    }
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            field.append('"');
                        } else {
                            inQuotes = false;
                            c = d;
                            continue;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                } else if (c == '"' && field.length() == 0 && !quoted) {
                    inQuotes = true;
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    quoted = false;
                } else if (c == '\n' || c == '\r' || c == -1) {
                    if (c == '\r') {
                        int d = read();
                        if (d != '\n') {
                            unread(d);
                        }
                    }
                    if (c != -1) {
                        line++;
                    }
                    fields.add(field.toString());
                    return fields;
                } else {
                    field.append((char) c);
                }
                c = read();
            }
        }

        private int read() throws IOException {
            if (peeked != -2) {
                int p = peeked;
                peeked = -2;
                return p;
            }
            return in.read();
        }

        private void unread(int c) {
            peeked = c;
        }
    }
}
