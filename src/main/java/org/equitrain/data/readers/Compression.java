package org.equitrain.data.readers;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/** Opens a possibly compressed stream, recognising gzip ({@code 1f 8b}), bzip2 ({@code BZh}) and xz by magic bytes. */
public final class Compression {
    private static final byte[] XZ = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};

    private Compression() {
    }

    /** The file's content, decompressed if it starts with a gzip, bzip2 or xz header. */
    public static InputStream open(Path file) throws IOException {
        return open(Files.newInputStream(file));
    }

    /** {@code in}'s content, decompressed if it starts with a gzip, bzip2 or xz header. */
    public static InputStream open(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(8);
        byte[] head = b.readNBytes(6);
        b.reset();
        if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            return new BufferedInputStream(new GZIPInputStream(b, 1 << 16), 1 << 16);
        }
        if (head.length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
            return new BufferedInputStream(new BZip2CompressorInputStream(b), 1 << 16);
        }
        if (head.length == 6 && java.util.Arrays.equals(head, XZ)) {
            return new BufferedInputStream(new XZInputStream(b), 1 << 16);
        }
        return b;
    }
}
