package org.equitrain.data.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.equitrain.data.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GdtReaderTest {
    @TempDir
    Path dir;

    private static final String GDT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE gretldata SYSTEM "gretldata.dtd">
            <gretldata version="1.3" name="mini" frequency="1" startobs="1" endobs="3" type="cross-section">
            <description>test</description>
            <variables count="3">
            <variable name="black" label="=1 if black" discrete="true"/>
            <variable name="durat"/>
            <variable name="region"/>
            </variables>
            <observations count="3" labels="false">
            <obs>1 72 2 </obs>
            <obs>0 NA 1 </obs>
            <obs>1 9.5 NA </obs>
            </observations>
            <string-tables count="1">
            <valstrings owner="region" count="2">"north east" "south"</valstrings>
            </string-tables>
            </gretldata>
            """;

    @Test
    void readsGzippedGdtWithStringTable() throws Exception {
        Path f = dir.resolve("mini.gdt");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(GDT.getBytes(StandardCharsets.UTF_8));
        }
        Table t = GdtReader.read(f);
        assertEquals("mini", t.name());
        assertEquals(List.of("black", "durat", "region"), t.names());
        assertEquals(3, t.rows());
        assertTrue(t.numeric("durat").isMissing(1));
        assertEquals(9.5, t.numeric("durat").get(2));
        assertEquals(List.of("north east", "south"), t.categorical("region").levels());
        assertEquals("south", t.categorical("region").level(0));
        assertTrue(t.categorical("region").isMissing(2));
    }

    @Test
    void shortObservationNamesItsLine() {
        String bad = GDT.replace("<obs>0 NA 1 </obs>", "<obs>0 NA</obs>");
        DataFormatException e = assertThrows(DataFormatException.class, () -> GdtReader.read(
                new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "mini.gdt"));
        assertEquals(12, e.line());
        assertEquals("2 values", e.found());
    }
}
