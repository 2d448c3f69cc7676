package org.equitrain.data.readers.rdata;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Hand-assembles R XDR serialization streams for tests, item by item, the way R's serialize.c writes them:
 * flags int (type | 1<<8 object | 1<<9 attributes | 1<<10 tag | levels<<12), then the payload.
 */
final class Xdr {
    static final int ATTR = 1 << 9;
    static final int TAG = 1 << 10;
    static final int OBJ = 1 << 8;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    Xdr raw(String s) {
        try {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Xdr i(int v) {
        try {
            out.writeInt(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Xdr d(double v) {
        try {
            out.writeDouble(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** "X\n", format version 3, writer and reader versions, native encoding "UTF-8". */
    Xdr header() {
        return raw("X\n").i(3).i(0x040201).i(0x030500).i(5).raw("UTF-8");
    }

    /** A CHARSXP (UTF-8; Latin-1 when {@code latin1}); null writes NA. */
    Xdr chars(String s, boolean latin1) {
        if (s == null) {
            return i(9).i(-1);
        }
        byte[] b = s.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        i(9 | ((latin1 ? 4 : 8) << 12)).i(b.length);
        try {
            out.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A new symbol (enters the reader's reference table). */
    Xdr sym(String name) {
        return i(1).chars(name, false);
    }

    /** A reference to the {@code index}-th (1-based) symbol or environment read so far. */
    Xdr ref(int index) {
        return i((index << 8) | 255);
    }

    Xdr strs(int extraFlags, String... s) {
        i(16 | extraFlags).i(s.length);
        for (String x : s) {
            chars(x, false);
        }
        return this;
    }

    Xdr ints(int extraFlags, int... v) {
        i(13 | extraFlags).i(v.length);
        for (int x : v) {
            i(x);
        }
        return this;
    }

    Xdr reals(int extraFlags, double... v) {
        i(14 | extraFlags).i(v.length);
        for (double x : v) {
            d(x);
        }
        return this;
    }

    /** Starts a tagged pairlist cell; the caller then writes the tag and the car. */
    Xdr cell() {
        return i(2 | TAG);
    }

    Xdr nil() {
        return i(254);
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }
}
