package org.equitrain.data.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void forcedNumericColumnRejectsText() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CsvReader().numeric("b")
                .read(new StringReader("a,b\n1,2\n\"multi\nline\",3\n4,five\n"), "y.csv"));
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
}
