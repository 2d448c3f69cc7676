package org.equitrain.data.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.NumericColumn;
import org.equitrain.data.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private static final String CSV = """
            age,city,"note, quoted",code
            31,"Boston",plain,1
            NA,Chicago,"has ""quotes"" and, comma",2
            45.5e0,"New
            York",,3

            -2,Boston,"NA",1
            """;

    @Test
    void infersTypesAndHandlesQuotesNaAndGzip() throws Exception {
        Path f = dir.resolve("people.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(CSV.getBytes(StandardCharsets.UTF_8));
        }
        Table t = new CsvReader().categorical("code").read(f);
        assertEquals(4, t.rows());
        assertEquals(List.of("age", "city", "note, quoted", "code"), t.names());
        NumericColumn age = t.numeric("age");
        assertTrue(age.isMissing(1));
        assertEquals(45.5, age.get(2));
        assertEquals(-2, age.get(3));
        CategoricalColumn city = t.categorical("city");
        assertEquals(List.of("Boston", "Chicago", "New\nYork"), city.levels());
        CategoricalColumn note = t.categorical("note, quoted");
        assertEquals("has \"quotes\" and, comma", note.level(1));
        assertTrue(note.isMissing(2), "an unquoted empty field is missing");
        assertEquals("NA", note.level(3), "a quoted NA is a value");
        assertEquals(List.of("1", "2", "3"), t.categorical("code").levels());
    }

    @Test
    void fieldCountMismatchNamesLineAndColumn() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new CsvReader().read(new StringReader("a,b,c\n1,2,3\n4,5\n"), "x.csv"));
        assertEquals("x.csv", e.file());
        assertEquals(3, e.line());
        assertEquals(3, e.column());
        assertTrue(e.getMessage().startsWith("x.csv:3:3: expected 3 fields"), e.getMessage());
    }

    @Test
    void aDuplicateHeaderNameNamesLineAndColumn() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new CsvReader().read(new StringReader("\n\na,b,a\n1,2,3\n"), "x.csv"));
        assertEquals("x.csv:3:3: expected a column name not used before in the header, found 'a' again (column 1)",
                e.getMessage());
    }

    @Test
    void forcedNumericColumnRejectsText() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvReader().numeric("b")
                .read(new StringReader("a,b\nx,2\n\"multi\nline\",3\nz,five\n"), "y.csv"));
        assertEquals(5, e.line(), "line numbers count the newline inside the quoted field");
        assertEquals(2, e.column());
        assertEquals("'five'", e.found());
    }

    @Test
    void unterminatedQuoteAndStrayCharacters() {
        DataFormatException open = assertThrows(DataFormatException.class,
                () -> new CsvReader().read(new StringReader("a,b\n1,\"oops\n2,3\n"), "z.csv"));
        assertEquals(2, open.line());
        assertTrue(open.expected().contains("closing quote"));
        DataFormatException stray = assertThrows(DataFormatException.class,
                () -> new CsvReader().read(new StringReader("a,b\n\"x\"y,3\n"), "z.csv"));
        assertEquals(1, stray.column());
    }

    @Test
    void semicolonsWithoutHeader() throws Exception {
        Table t = new CsvReader().delimiter(';').noHeader().read(new StringReader("1;a\r\n2;b\r\n"), "s.csv");
        assertEquals(List.of("V1", "V2"), t.names());
        assertEquals(2.0, t.numeric("V1").get(1));
    }

    /** Ten rows of x1 (numbers but for line 5), a code column, a yes/no column and a mostly-text column. */
    private static String tenRows(String oddX1) {
        StringBuilder sb = new StringBuilder("x1,code,answer,mixed\n");
        for (int i = 0; i < 10; i++) {
            sb.append(i == 3 ? oddX1 : i + ".5").append(",A").append(i % 3).append(i % 2 == 0 ? ",yes," : ",no,")
                    .append(i < 4 ? i : "level" + i).append('\n');
        }
        return sb.toString();
    }

    @Test
    void oneTextCellInAMostlyNumericColumnIsAnErrorNotACategoricalColumn() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new CsvReader().read(new StringReader(tenRows("abc")), "t.csv"));
        assertEquals("t.csv:5:1: expected a number in column 'x1', found 'abc' (9 of its 10 values are numbers)",
                e.getMessage());
    }

    @Test
    void codesYesNoAndMostlyTextColumnsStayCategorical() throws Exception {
        Table t = new CsvReader().read(new StringReader(tenRows("NA")), "t.csv");
        assertTrue(t.numeric("x1").isMissing(3), "NA is a missing value, not text");
        assertEquals(List.of("A0", "A1", "A2"), t.categorical("code").levels());
        assertEquals(List.of("no", "yes"), t.categorical("answer").levels());
        assertEquals(10, t.categorical("mixed").levels().size(), "4 numbers among 10 values: text");
        Table half = new CsvReader().read(new StringReader("v\n1\nx\n"), "h.csv");
        assertEquals(List.of("1", "x"), half.categorical("v").levels(), "numbers must be more than half");
    }

    @Test
    void infinityIsAnErrorWhileNanNaAndEmptyAreMissing() throws Exception {
        for (String inf : List.of("Infinity", "-Inf", "+inf")) {
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> new CsvReader().read(new StringReader("a,x\n1,2\n2," + inf + "\n"), "i.csv"));
            assertEquals("i.csv:3:2: expected a finite number in column 'x', found '" + inf + "'", e.getMessage());
        }
        NumericColumn x = new CsvReader().read(new StringReader("a,x\n1,NaN\n2,NA\n3,\n4,1e3\n"), "n.csv")
                .numeric("x");
        assertTrue(x.isMissing(0) && x.isMissing(1) && x.isMissing(2));
        assertEquals(1000.0, x.get(3));
    }

    @Test
    void aHeaderWithoutDataRowsIsAnError() {
        for (String text : List.of("a,b\n", "a,b\n\n\n", "a,b")) {
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> new CsvReader().read(new StringReader(text), "h.csv"));
            assertEquals("h.csv: expected a data row after the header, found the end of the file", e.getMessage());
        }
    }

    @Test
    void invalidUtf8NamesTheFileAndTheLine() throws Exception {
        StringBuilder text = new StringBuilder("a,b\n");
        for (int i = 0; i < 20_000; i++) {
            text.append(i).append(",caf\u00e9\n"); // valid two-byte UTF-8, far past any read buffer
        }
        byte[] good = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(good, good.length + 6);
        System.arraycopy(new byte[] {'7', ',', 'r', (byte) 0xE9, 'd', '\n'}, 0, bytes, good.length, 6);
        Path f = dir.resolve("latin1.csv");
        Files.write(f, bytes);
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvReader().read(f));
        assertEquals(f.toString(), e.file());
        assertEquals(20_002, e.line());
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }
}
