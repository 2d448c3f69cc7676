package org.equitrain.data.readers;

import java.io.IOException;

/**
 * A data file that does not follow its format. Names the file, where the problem is (line and column for text
 * formats, byte offset for binary ones; -1 where not applicable) and what was expected there.
 */
public final class DataFormatException extends IOException {
    /** The file (its path or source label). */
    private final String file;
    /** 1-based line, or -1. */
    private final long line;
    /** 1-based column, or -1. */
    private final int column;
    /** Byte offset, or -1. */
    private final long offset;
    /** What the format required at that point. */
    private final String expected;
    /** What was found instead, or {@code null}. */
    private final String found;

    private DataFormatException(String file, long line, int column, long offset, String expected, String found) {
        super(file + location(line, column, offset) + ": expected " + expected
                + (found == null ? "" : ", found " + found));
        this.file = file;
        this.line = line;
        this.column = column;
        this.offset = offset;
        this.expected = expected;
        this.found = found;
    }

    private static String location(long line, int column, long offset) {
        if (line >= 0) {
            return ":" + line + (column >= 0 ? ":" + column : "");
        }
        return offset >= 0 ? " at byte " + offset : "";
    }

    /** A problem in a text file at a 1-based line and column (column -1 when unknown). */
    public static DataFormatException at(String file, long line, int column, String expected, String found) {
        return new DataFormatException(file, line, column, -1, expected, found);
    }

    /** A problem in a binary file at a byte offset (-1 when unknown). */
    public static DataFormatException atOffset(String file, long offset, String expected, String found) {
        return new DataFormatException(file, -1, -1, offset, expected, found);
    }

    /** The file the problem is in (its path or source label). */
    public String file() {
        return file;
    }

    /** 1-based line, or -1 for binary formats. */
    public long line() {
        return line;
    }

    /** 1-based column (field number for CSV and ARFF), or -1. */
    public int column() {
        return column;
    }

    /** Byte offset for binary formats, or -1. */
    public long offset() {
        return offset;
    }

    /** What the format required at that point. */
    public String expected() {
        return expected;
    }

    /** What was found instead, or {@code null}. */
    public String found() {
        return found;
    }
}
