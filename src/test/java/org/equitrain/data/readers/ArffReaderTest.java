package org.equitrain.data.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArffReaderTest {
    @TempDir
    Path dir;

    private static final String ARFF = """
            % a comment
            @relation credit_like
            @attribute checking_status { '<0', '0<=X<200', 'no checking'}
            @attribute duration real
            @attribute 'personal status' { 'male single', 'female div/dep/mar'}
            @attribute purpose {radio/tv, furniture/equipment}
            @attribute age numeric
            @attribute class { good, bad}
            @data
            '<0',6,'male single',radio/tv,67,good
            % comment between rows
            'no checking', 12 ,'female div/dep/mar',furniture/equipment,?,bad
            ?,48,'male single',radio/tv,22,good
            """;

    @Test
    void readsNominalNumericQuotedAndMissing() throws Exception {
        Path f = dir.resolve("c.arff");
        Files.writeString(f, ARFF);
        Table t = new ArffReader().read(f);
        assertEquals("credit_like", t.name());
        assertEquals(3, t.rows());
        assertEquals(List.of("checking_status", "duration", "personal status", "purpose", "age", "class"), t.names());
        CategoricalColumn cs = t.categorical("checking_status");
        assertEquals(List.of("<0", "0<=X<200", "no checking"), cs.levels(), "declared level order is kept");
        assertEquals(2, cs.code(1));
        assertTrue(cs.isMissing(2));
        assertEquals(12.0, t.numeric("duration").get(1));
        assertTrue(t.numeric("age").isMissing(1));
        assertEquals("furniture/equipment", t.categorical("purpose").level(1));
        assertEquals(List.of(2, 1), List.of(t.categorical("class").counts()[0], t.categorical("class").counts()[1]));
    }

    @Test
    void undeclaredNominalValueIsAnError() {
        String bad = ARFF.replace("radio/tv,22,good", "radio/tv,22,great");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new ArffReader().read(new StringReader(bad), "c.arff"));
        assertEquals(13, e.line());
        assertEquals(6, e.column());
        assertTrue(e.expected().contains("[good, bad]") && e.expected().contains("'class'"), e.getMessage());
    }

    @Test
    void wrongValueCountAndBadNumberAreErrors() {
        DataFormatException count = assertThrows(DataFormatException.class, () -> new ArffReader()
                .read(new StringReader(ARFF.replace("67,good", "67")), "c.arff"));
        assertEquals(10, count.line());
        assertEquals(6, count.column());
        DataFormatException num = assertThrows(DataFormatException.class, () -> new ArffReader()
                .read(new StringReader(ARFF.replace(",48,", ",forty,")), "c.arff"));
        assertEquals(13, num.line());
        assertEquals(2, num.column());
        DataFormatException quote = assertThrows(DataFormatException.class, () -> new ArffReader()
                .read(new StringReader(ARFF.replace("'<0',6", "'<0,6")), "c.arff"));
        assertEquals(10, quote.line());
    }
}
