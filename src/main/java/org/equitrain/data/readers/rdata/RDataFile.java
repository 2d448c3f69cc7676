package org.equitrain.data.readers.rdata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.data.readers.Compression;
import org.equitrain.data.readers.DataFormatException;

/**
 * Reads an R {@code .rda} / {@code .RData} file (datasets.md §5): gzip, bzip2 or xz compressed (or plain), then
 * {@code RDX2\n} or {@code RDX3\n} and a serialized pairlist of (object name, value).
 */
public final class RDataFile {
    private RDataFile() {
    }

    /** The objects in the file, by name, in file order. */
    public static Map<String, RObject> read(Path file) throws IOException {
        try (InputStream in = Compression.open(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads decompressed or compressed bytes from {@code in}; {@code source} names it in error messages. */
    public static Map<String, RObject> read(InputStream raw, String source) throws IOException {
        InputStream in = Compression.open(raw);
        byte[] magic = in.readNBytes(5);
        String m = new String(magic, StandardCharsets.ISO_8859_1);
        if (!m.equals("RDX2\n") && !m.equals("RDX3\n")) {
            throw DataFormatException.atOffset(source, 0, "an R data file header RDX2 or RDX3",
                    "'" + m.strip() + "'");
        }
        RObject top = new RSerialReader(in, source).readSerialized();
        if (top.type() != RObject.LISTSXP) {
            throw DataFormatException.atOffset(source, 5, "a pairlist of named objects", top.toString());
        }
        Map<String, RObject> out = new LinkedHashMap<>();
        List<RObject> values = top.elements();
        for (int i = 0; i < values.size(); i++) {
            out.put(top.names().get(i), values.get(i));
        }
        return out;
    }

    /** The single object {@code name} in the file; an error listing the objects present when absent. */
    public static RObject object(Path file, String name) throws IOException {
        Map<String, RObject> all = read(file);
        RObject o = all.get(name);
        if (o == null) {
            throw DataFormatException.atOffset(file.toString(), -1, "an object named '" + name + "'",
                    "objects " + all.keySet());
        }
        return o;
    }
}
