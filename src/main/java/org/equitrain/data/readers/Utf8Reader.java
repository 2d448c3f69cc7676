package org.equitrain.data.readers;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 strictly: bytes that are not UTF-8 throw {@link MalformedInputException} instead of becoming
 * U+FFFD, and only once every character before them has been returned, so that a caller counting lines knows
 * where they are ({@link java.io.InputStreamReader} reports them a whole buffer early).
 */
final class Utf8Reader extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private boolean endOfInput;
    private boolean flushed;
    private CoderResult pendingError;

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pendingError != null) {
            pendingError.throwException();
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (out.position() == off) {
            if (flushed) {
                return -1;
            }
            CoderResult r = decoder.decode(bytes, out, endOfInput);
            if (r.isError()) {
                if (out.position() == off) {
                    r.throwException();
                }
                pendingError = r;
            } else if (r.isUnderflow() && endOfInput) {
                decoder.flush(out);
                flushed = true;
            } else if (r.isUnderflow()) {
                fill();
            }
        }
        return out.position() - off;
    }

    /** Moves undecoded bytes to the front and reads more after them; at the end of the stream sets endOfInput. */
    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
