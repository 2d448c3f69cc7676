package org.equitrain.data.readers.rdata;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.equitrain.data.readers.Compression;
import org.equitrain.data.readers.DataFormatException;
import org.tukaani.xz.LZMA2InputStream;

/**
 * An R package's lazy-load data base {@code Rdata.rdx} + {@code Rdata.rdb} (datasets.md §5). The index is a
 * serialized list ({@code variables}: name → (offset, length) into the .rdb; {@code compressed}), stored as a gzip
 * stream or as zlib after a 4-byte length. Each .rdb entry is a 4-byte big-endian uncompressed length, then:
 * for {@code compressed = 1} a zlib stream; otherwise a type byte ({@code Z}: raw LZMA2 without the .xz container,
 * {@code 2}: bzip2, {@code 1}: zlib, {@code 0}: stored) and the payload; the result is a serialized R object.
 */
public final class LazyLoadDb {
    private final Path rdb;
    private final Map<String, long[]> variables;
    private final int compressed;

    private LazyLoadDb(Path rdb, Map<String, long[]> variables, int compressed) {
        this.rdb = rdb;
        this.variables = variables;
        this.compressed = compressed;
    }

    /** Opens the data base whose index is {@code rdx}; the .rdb file lies beside it. */
    public static LazyLoadDb open(Path rdx) throws IOException {
        String name = rdx.getFileName().toString();
        Path rdb = rdx.resolveSibling(name.substring(0, name.length() - 4) + ".rdb");
        byte[] raw = Files.readAllBytes(rdx);
        InputStream in = raw.length > 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B
                ? Compression.open(new ByteArrayInputStream(raw))
                : new InflaterInputStream(new ByteArrayInputStream(raw, 4, raw.length - 4));
        RObject index = new RSerialReader(in, rdx.toString()).readSerialized();
        RObject vars = element(index, "variables", rdx);
        Map<String, long[]> offsets = new LinkedHashMap<>();
        List<RObject> entries = vars.elements();
        for (int i = 0; i < entries.size(); i++) {
            int[] ol = entries.get(i).ints();
            offsets.put(vars.names().get(i), new long[] {ol[0] & 0xFFFFFFFFL, ol[1]});
        }
        RObject c = element(index, "compressed", rdx);
        int level = c.type() == RObject.REALSXP ? (int) c.doubles()[0] : c.ints()[0];
        return new LazyLoadDb(rdb, offsets, level);
    }

    private static RObject element(RObject list, String name, Path file) throws DataFormatException {
        int k = list.names().indexOf(name);
        if (list.type() != RObject.VECSXP || k < 0) {
            throw DataFormatException.atOffset(file.toString(), -1,
                    "a lazy-load index list with '" + name + "'", list.toString());
        }
        return list.elements().get(k);
    }

    /** Names of the objects stored. */
    public Set<String> names() {
        return variables.keySet();
    }

    /** The value of {@code compressed} in the index (1 = zlib, 2 = bzip2, 3 = xz). */
    public int compression() {
        return compressed;
    }

    /** Decodes object {@code name}; an error listing the objects when it is absent. */
    public RObject get(String name) throws IOException {
        long[] ol = variables.get(name);
        if (ol == null) {
            throw DataFormatException.atOffset(rdb.toString(), -1, "an object named '" + name + "'",
                    "objects " + variables.keySet());
        }
        byte[] entry = new byte[(int) ol[1]];
        try (RandomAccessFile f = new RandomAccessFile(rdb.toFile(), "r")) {
            f.seek(ol[0]);
            f.readFully(entry);
        }
        String source = rdb + "[" + name + "]";
        return new RSerialReader(decompress(entry, source), source).readSerialized();
    }

    private InputStream decompress(byte[] entry, String source) throws IOException {
        int outLen = new DataInputStream(new ByteArrayInputStream(entry)).readInt();
        if (compressed == 1) {
            return new InflaterInputStream(new ByteArrayInputStream(entry, 4, entry.length - 4));
        }
        ByteArrayInputStream payload = new ByteArrayInputStream(entry, 5, entry.length - 5);
        return switch (entry[4]) {
            // raw LZMA2 (R_compress3, preset 9e): a dictionary as large as the output always suffices
            case 'Z' -> new LZMA2InputStream(payload, Math.max(4096, outLen));
            case '2' -> new BZip2CompressorInputStream(payload);
            case '1' -> new InflaterInputStream(payload);
            case '0', 0 -> payload;
            default -> throw DataFormatException.atOffset(source, 4, "an entry type byte Z, 2, 1 or 0",
                    String.format(Locale.ROOT, "0x%02x", entry[4] & 0xFF));
        };
    }
}
