package org.equitrain.data.readers.rdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.NumericColumn;
import org.equitrain.data.Table;
import org.equitrain.data.readers.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.FinishableWrapperOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class RSerializationTest {
    private static final int NA = Integer.MIN_VALUE;

    @TempDir
    Path dir;

    /**
     * The serialized data.frame
     * {@code data.frame(f = factor(c("lo","hi",NA), levels = c("lo","hi")), n = c(5L, NA, 7L), x = c(1.5, NA, -2),
     * s = c("x", NA, "café"), k = 10:12)} with compact row names; {@code k} is an ALTREP compact_intseq and the
     * second "class" symbol is a back-reference to table entry {@code classRef} (symbols enter the reference table
     * in the order they are first written, so it depends on what precedes the frame).
     */
    static Xdr dataFrame(Xdr x, int classRef) {
        x.i(19 | Xdr.OBJ | Xdr.ATTR).i(5);
        // f: factor
        x.ints(Xdr.OBJ | Xdr.ATTR, 1, 2, NA);
        x.cell().sym("levels").strs(0, "lo", "hi");
        x.cell().sym("class").strs(0, "factor").nil();
        // n: integer, x: real (NA_real_ is a NaN payload), s: strings with a Latin-1 element
        x.ints(0, 5, NA, 7);
        x.reals(0, 1.5, Double.longBitsToDouble(0x7FF00000000007A2L), -2);
        x.i(16).i(3).chars("x", false).chars(null, false).chars("café", true);
        // k: ALTREP compact_intseq(n = 3, start = 10, step = 1)
        x.i(238);
        x.i(2).sym("compact_intseq").i(2).sym("base").i(2).ints(0, 13).nil();
        x.reals(0, 3, 10, 1);
        x.nil();
        // data.frame attributes: names, class (back-reference), compact row.names c(NA, -3)
        x.cell().sym("names").strs(0, "f", "n", "x", "s", "k");
        x.i(2 | Xdr.TAG).ref(classRef).strs(0, "data.frame");
        x.cell().sym("row.names").ints(0, NA, -3).nil();
        return x;
    }

    static void checkTable(Table t) {
        assertEquals(3, t.rows());
        assertEquals(List.of("f", "n", "x", "s", "k"), t.names());
        CategoricalColumn f = t.categorical("f");
        assertEquals(List.of("lo", "hi"), f.levels());
        assertEquals(0, f.code(0));
        assertEquals(1, f.code(1));
        assertTrue(f.isMissing(2));
        NumericColumn n = t.numeric("n");
        assertEquals(5.0, n.get(0));
        assertTrue(n.isMissing(1));
        assertEquals(1.5, t.numeric("x").get(0));
        assertTrue(t.numeric("x").isMissing(1));
        CategoricalColumn s = t.categorical("s");
        assertEquals(List.of("café", "x"), s.levels());
        assertEquals("café", s.level(2));
        assertTrue(s.isMissing(1));
        assertArrayEquals(new double[] {10, 11, 12}, t.numeric("k").values());
    }

    @Test
    void decodesGzippedRdaWithFactorIntegerRealStringAndAltrepColumns() throws Exception {
        Xdr x = new Xdr().raw("RDX3\n").header();
        x.cell().sym("df");
        dataFrame(x, 3).nil(); // references: df(1), levels(2), class(3)
        Path f = dir.resolve("df.rda");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(x.bytes());
        }
        Map<String, RObject> objects = RDataFile.read(f);
        assertEquals(List.of("df"), List.copyOf(objects.keySet()));
        RObject df = objects.get("df");
        assertTrue(df.inherits("data.frame"));
        checkTable(RDataFrames.toTable("df", df, f.toString()));
    }

    @Test
    void readsXzCompressedRda() throws Exception {
        Xdr x = new Xdr().raw("RDX2\n").raw("X\n").i(2).i(0x040201).i(0x020300);
        x.cell().sym("v").reals(0, 0.25, 4).nil();
        Path f = dir.resolve("v.rda");
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(f), new LZMA2Options())) {
            out.write(x.bytes());
        }
        assertArrayEquals(new double[] {0.25, 4}, RDataFile.object(f, "v").doubles());
        DataFormatException e = assertThrows(DataFormatException.class, () -> RDataFile.object(f, "w"));
        assertTrue(e.found().contains("[v]"), e.getMessage());
    }

    @Test
    void lazyLoadDbWithRawLzma2AndZlibEntries() throws Exception {
        byte[] payload = dataFrame(new Xdr().header(), 2).bytes();
        for (int level : new int[] {3, 1}) {
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            new DataOutputStream(entry).writeInt(payload.length);
            if (level == 3) {
                entry.write('Z');
                try (OutputStream lz = new LZMA2Options(0).getOutputStream(new FinishableWrapperOutputStream(entry))) {
                    lz.write(payload);
                }
            } else {
                try (OutputStream z = new DeflaterOutputStream(entry)) {
                    z.write(payload);
                }
            }
            Path sub = Files.createDirectories(dir.resolve("db" + level));
            byte[] junk = new byte[17];
            Path rdb = sub.resolve("Rdata.rdb");
            Files.write(rdb, junk);
            Files.write(rdb, entry.toByteArray(), java.nio.file.StandardOpenOption.APPEND);
            // index: list(variables = list(frame = c(17L, len)), references = list(), compressed = level)
            Xdr idx = new Xdr().header().i(19 | Xdr.ATTR).i(3);
            idx.i(19 | Xdr.ATTR).i(1).ints(0, 17, entry.size()).cell().sym("names").strs(0, "frame").nil();
            idx.i(19).i(0);
            idx.ints(0, level);
            idx.cell().ref(1).strs(0, "variables", "references", "compressed").nil();
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(sub.resolve("Rdata.rdx")))) {
                out.write(idx.bytes());
            }
            LazyLoadDb db = LazyLoadDb.open(sub.resolve("Rdata.rdx"));
            assertEquals(level, db.compression());
            assertEquals(List.of("frame"), List.copyOf(db.names()));
            checkTable(RDataFrames.toTable("frame", db.get("frame"), "db"));
        }
    }

    @Test
    void truncatedStreamAndBadReferencesNameTheOffset() {
        byte[] full = dataFrame(new Xdr().header(), 2).bytes();
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 30);
        DataFormatException e = assertThrows(DataFormatException.class, () -> new RSerialReader(
                new java.io.ByteArrayInputStream(cut), "cut.rds").readSerialized());
        assertEquals("the end of the data", e.found());
        assertTrue(e.offset() > 0 && e.offset() <= cut.length, "offset " + e.offset());
        byte[] badRef = new Xdr().header().ref(7).bytes();
        DataFormatException r = assertThrows(DataFormatException.class, () -> new RSerialReader(
                new java.io.ByteArrayInputStream(badRef), "ref.rds").readSerialized());
        assertEquals("7", r.found());
        DataFormatException notFrame = assertThrows(DataFormatException.class, () -> RDataFrames.toTable("v",
                new RSerialReader(new java.io.ByteArrayInputStream(new Xdr().header().reals(0, 1).bytes()), "v")
                        .readSerialized(), "v.rds"));
        assertTrue(notFrame.expected().contains("data.frame"));
    }
}
