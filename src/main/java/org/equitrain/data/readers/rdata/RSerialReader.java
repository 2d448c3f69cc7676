package org.equitrain.data.readers.rdata;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.data.readers.DataFormatException;

/**
 * Decodes R's XDR serialization format, versions 2 and 3 (datasets.md §5; R's {@code src/main/serialize.c}).
 * An item starts with an int of flags: low byte = SEXP type, bit 9 = has attributes, bit 10 = has tag, bits 12+ =
 * "levels" (for strings: 4 = Latin-1, else UTF-8). Vectors carry their attributes after the payload, pairlist cells
 * before the tag. Symbols, environments and persistent/package/namespace names enter a reference table that
 * {@code REFSXP} items index (1-based). ALTREP compact sequences, wrappers and deferred strings are materialised.
 */
final class RSerialReader {
    private static final int CHARSXP = 9;
    private static final int REFSXP = 255;
    private static final int NILVALUE = 254;
    private static final int ALTREP = 238;

    private final Counting counter;
    private final DataInputStream in;
    private final String source;
    private final List<RObject> refs = new ArrayList<>();

    RSerialReader(InputStream in, String source) {
        this.counter = new Counting(in);
        this.in = new DataInputStream(counter);
        this.source = source;
    }

    /** Reads the {@code X\n} format line, the version ints (and v3 native encoding), then one item. */
    RObject readSerialized() throws IOException {
        try {
            byte[] fmt = in.readNBytes(2);
            if (fmt.length < 2 || fmt[0] != 'X' || fmt[1] != '\n') {
                throw error("XDR serialization format 'X\\n' (ASCII and native formats are not supported)",
                        fmt.length < 2 ? "the end of the data" : "'" + (char) fmt[0] + "'");
            }
            int version = in.readInt();
            in.readInt();
            in.readInt();
            if (version == 3) {
                in.skipNBytes(in.readInt());
            } else if (version != 2) {
                throw error("serialization version 2 or 3", "version " + version);
            }
            return readItem();
        } catch (EOFException e) {
            throw error("more serialized data", "the end of the data");
        }
    }

    private DataFormatException error(String expected, String found) {
        return DataFormatException.atOffset(source, counter.count, expected, found);
    }

    RObject readItem() throws IOException {
        return readItem(in.readInt());
    }

    private RObject readItem(int flags) throws IOException {
        int type = flags & 0xFF;
        switch (type) {
            case NILVALUE:
                return RObject.NULL;
            case 242, 241, 253, 250, 252, 251:
                return new RObject(RObject.ENVSXP, "special " + type, null, null);
            case REFSXP: {
                int index = flags >> 8;
                if (index == 0) {
                    index = in.readInt();
                }
                if (index < 1 || index > refs.size()) {
                    throw error("a reference index in 1.." + refs.size(), "" + index);
                }
                return refs.get(index - 1);
            }
            case 247, 248, 249: {
                RObject p = new RObject(type, String.join("/", stringVec()), null, null);
                refs.add(p);
                return p;
            }
            case RObject.SYMSXP: {
                RObject s = new RObject(RObject.SYMSXP, readString(in.readInt()), null, null);
                refs.add(s);
                return s;
            }
            case RObject.ENVSXP: {
                in.readInt();
                RObject env = new RObject(RObject.ENVSXP, "environment", null, null);
                refs.add(env);
                for (int k = 0; k < 4; k++) {
                    readItem();
                }
                return env;
            }
            case RObject.LISTSXP, 3, 5, 6, 17, 239, 240:
                return readPairlist(flags);
            case ALTREP:
                return readAltrep();
            default:
                return readVector(flags, type);
        }
    }

    private String[] stringVec() throws IOException {
        if (in.readInt() != 0) {
            throw error("0 before a persistent name", "another value");
        }
        String[] out = new String[in.readInt()];
        for (int i = 0; i < out.length; i++) {
            out[i] = readString(in.readInt());
        }
        return out;
    }

    /** A CHARSXP item whose flags were just read; null for NA. */
    private String readString(int flags) throws IOException {
        if ((flags & 0xFF) != CHARSXP) {
            throw error("a CHARSXP (type 9)", "type " + (flags & 0xFF));
        }
        int len = in.readInt();
        String s = null;
        if (len != -1) {
            byte[] b = in.readNBytes(len);
            if (b.length < len) {
                throw new EOFException();
            }
            boolean latin1 = ((flags >>> 12) & 4) != 0;
            s = new String(b, latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }
        if ((flags & (1 << 9)) != 0) {
            readItem();
        }
        return s;
    }

    /**
     * Pairlist-like cells (attributes if flagged, tag if flagged, car, cdr), read iteratively along the cdr chain;
     * the attributes of the first cell are the list's.
     */
    private RObject readPairlist(int flags) throws IOException {
        int firstType = flags & 0xFF;
        List<RObject> values = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        Map<String, RObject> attrs = null;
        while (true) {
            if ((flags & (1 << 9)) != 0) {
                Map<String, RObject> a = attributes(readItem());
                if (attrs == null) {
                    attrs = a;
                }
            }
            String tag = null;
            if ((flags & (1 << 10)) != 0) {
                RObject t = readItem();
                tag = t.type() == RObject.SYMSXP ? t.symbol() : null;
            }
            values.add(readItem());
            tags.add(tag);
            flags = in.readInt();
            int t = flags & 0xFF;
            if (t == RObject.LISTSXP || t == 6 || t == 239 || t == 240) {
                continue;
            }
            RObject cdr = readItem(flags);
            if (!cdr.isNull()) {
                values.add(cdr);
                tags.add(null);
            }
            break;
        }
        return new RObject(firstType == 6 || firstType == 240 ? 6 : firstType == 239 ? RObject.LISTSXP : firstType,
                values, tags, attrs);
    }

    private static Map<String, RObject> attributes(RObject pairlist) {
        Map<String, RObject> out = new LinkedHashMap<>();
        if (pairlist.type() == RObject.LISTSXP) {
            List<RObject> v = pairlist.elements();
            for (int i = 0; i < v.size(); i++) {
                String tag = pairlist.names().get(i);
                out.put(tag != null ? tag : "", v.get(i));
            }
        }
        return out;
    }

    private RObject readVector(int flags, int type) throws IOException {
        Object payload;
        switch (type) {
            case RObject.LGLSXP, RObject.INTSXP -> payload = ints(length());
            case RObject.REALSXP -> payload = doubles(length());
            case RObject.CPLXSXP -> payload = doubles(Math.multiplyExact(length(), 2));
            case RObject.STRSXP -> {
                String[] s = new String[length()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = readString(in.readInt());
                }
                payload = s;
            }
            case RObject.VECSXP, RObject.EXPRSXP -> {
                int n = length();
                List<RObject> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    l.add(readItem());
                }
                payload = l;
            }
            case RObject.RAWSXP -> {
                int n = length();
                byte[] b = in.readNBytes(n);
                if (b.length < n) {
                    throw new EOFException();
                }
                payload = b;
            }
            case CHARSXP -> {
                return new RObject(CHARSXP, readString(flags), null, null);
            }
            case RObject.S4SXP -> payload = null;
            case 7, 8 -> payload = new String(in.readNBytes(in.readInt()), StandardCharsets.US_ASCII);
            case 22 -> {
                RObject ptr = new RObject(type, "external pointer", null, null);
                refs.add(ptr);
                readItem();
                readItem();
                payload = "external pointer";
            }
            case 23 -> {
                refs.add(new RObject(type, "weak reference", null, null));
                payload = "weak reference";
            }
            default -> throw error("an R data object (byte code, class references and type " + type
                    + " are not supported)", "SEXP type " + type);
        }
        Map<String, RObject> attrs = (flags & (1 << 9)) != 0 ? attributes(readItem()) : null;
        return new RObject(type, payload, null, attrs);
    }

    private int length() throws IOException {
        int len = in.readInt();
        if (len >= 0) {
            return len;
        }
        if (len != -1) {
            throw error("a vector length", "" + len);
        }
        long big = ((long) in.readInt() << 32) | (in.readInt() & 0xFFFFFFFFL);
        if (big > Integer.MAX_VALUE - 8) {
            throw error("a vector of fewer than 2^31 elements", big + " elements");
        }
        return (int) big;
    }

    private int[] ints(int n) throws IOException {
        int[] out = new int[n];
        ByteBuffer.wrap(bytes(4L * n)).asIntBuffer().get(out);
        return out;
    }

    private double[] doubles(int n) throws IOException {
        double[] out = new double[n];
        ByteBuffer.wrap(bytes(8L * n)).asDoubleBuffer().get(out);
        return out;
    }

    private byte[] bytes(long n) throws IOException {
        if (n > Integer.MAX_VALUE - 8) {
            throw error("a vector of fewer than 2^31 bytes", n + " bytes");
        }
        byte[] b = new byte[(int) n];
        in.readFully(b);
        return b;
    }

    /** ALTREP: class info pairlist, state, attributes; materialised as an ordinary vector. */
    private RObject readAltrep() throws IOException {
        RObject info = readItem();
        RObject state = readItem();
        Map<String, RObject> attrs = attributes(readItem());
        String klass = info.type() == RObject.LISTSXP && !info.elements().isEmpty()
                && info.elements().get(0).type() == RObject.SYMSXP ? info.elements().get(0).symbol() : "?";
        return switch (klass) {
            case "compact_intseq" -> {
                double[] s = state.doubles();
                int[] v = new int[(int) s[0]];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (int) (s[1] + i * s[2]);
                }
                yield new RObject(RObject.INTSXP, v, null, attrs);
            }
            case "compact_realseq" -> {
                double[] s = state.doubles();
                double[] v = new double[(int) s[0]];
                for (int i = 0; i < v.length; i++) {
                    v[i] = s[1] + i * s[2];
                }
                yield new RObject(RObject.REALSXP, v, null, attrs);
            }
            case "deferred_string" -> new RObject(RObject.STRSXP, deferredStrings(state.elements().get(0)), null,
                    attrs);
            default -> {
                if (klass.startsWith("wrap_") && state.type() == RObject.VECSXP && state.length() >= 1) {
                    RObject x = state.elements().get(0);
                    yield new RObject(x.type(), payloadOf(x), x.type() == RObject.LISTSXP ? x.names() : null,
                            attrs.isEmpty() ? x.attributes() : attrs);
                }
                throw error("a known ALTREP class (compact_intseq, compact_realseq, wrap_*, deferred_string)",
                        "'" + klass + "'");
            }
        };
    }

    private static Object payloadOf(RObject x) {
        return switch (x.type()) {
            case RObject.LGLSXP, RObject.INTSXP -> x.ints();
            case RObject.REALSXP, RObject.CPLXSXP -> x.doubles();
            case RObject.STRSXP -> x.strings();
            case RObject.VECSXP, RObject.EXPRSXP, RObject.LISTSXP -> x.elements();
            default -> null;
        };
    }

    /** The strings R would make of an integer or real vector (as.character), NA kept as NA. */
    private static String[] deferredStrings(RObject arg) {
        String[] out = new String[arg.length()];
        if (arg.type() == RObject.INTSXP) {
            int[] v = arg.ints();
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] == RObject.NA_INTEGER ? null : Integer.toString(v[i]);
            }
        } else {
            double[] v = arg.doubles();
            for (int i = 0; i < v.length; i++) {
                out[i] = Double.isNaN(v[i]) ? null : new java.math.BigDecimal(v[i])
                        .round(new java.math.MathContext(15)).stripTrailingZeros().toPlainString();
            }
        }
        return out;
    }

    /** Counts bytes consumed, for error offsets. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
