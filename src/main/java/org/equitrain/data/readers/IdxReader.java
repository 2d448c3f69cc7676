package org.equitrain.data.readers;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST (datasets.md §5): a big-endian magic {@code 00 00 08 r} (unsigned
 * bytes, r dimensions), r int32 sizes, then the raw bytes. Gzip-wrapped files are detected by their magic bytes.
 */
public final class IdxReader {
    private IdxReader() {
    }

    /** The dimensions and unsigned-byte contents of an IDX file. */
    public record IdxArray(int[] dims, byte[] data) {
        /** Element {@code i} (row-major) as 0..255. */
        public int get(int i) {
            return data[i] & 0xFF;
        }
    }

    /** Reads an IDX file, plain or compressed (see {@link Compression}). */
    public static IdxArray read(Path file) throws IOException {
        try (InputStream in = Compression.open(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads from {@code in}; {@code source} names the input in error messages. */
    public static IdxArray read(InputStream in, String source) throws IOException {
        DataInputStream d = new DataInputStream(in);
        long offset = 0;
        try {
            int magic = d.readInt();
            int type = (magic >>> 8) & 0xFF;
            int rank = magic & 0xFF;
            if ((magic >>> 16) != 0 || type != 0x08 || rank < 1 || rank > 4) {
                throw DataFormatException.atOffset(source, 0,
                        "IDX magic 00 00 08 0r (unsigned bytes, 1 to 4 dimensions)",
                        String.format(Locale.ROOT, "%08x", magic));
            }
            offset = 4;
            int[] dims = new int[rank];
            long size = 1;
            for (int k = 0; k < rank; k++) {
                dims[k] = d.readInt();
                if (dims[k] < 0) {
                    throw DataFormatException.atOffset(source, offset, "a non-negative dimension", "" + dims[k]);
                }
                offset += 4;
                size *= dims[k];
            }
            if (size > Integer.MAX_VALUE - 16) {
                throw DataFormatException.atOffset(source, 4, "at most 2^31 elements", size + " elements");
            }
            byte[] data = new byte[(int) size];
            d.readFully(data);
            return new IdxArray(dims, data);
        } catch (EOFException e) {
            throw DataFormatException.atOffset(source, offset, "more bytes (the header's dimensions)",
                    "the end of the file");
        }
    }

    /** Images [N, 1, rows, cols] from an images file (rank 3), pixels scaled from 0..255 to [0, 1]. */
    public static Tensor images(Path file, DType dtype) throws IOException {
        IdxArray a = read(file);
        if (a.dims().length != 3) {
            throw DataFormatException.atOffset(file.toString(), 3, "an images file (3 dimensions: N, rows, cols)",
                    a.dims().length + " dimensions");
        }
        Tensor t = Tensor.zeros(dtype, a.dims()[0], 1, a.dims()[1], a.dims()[2]);
        for (int i = 0; i < a.data().length; i++) {
            t.setFlat(i, a.get(i) / 255.0);
        }
        return t;
    }

    /** Labels from a labels file (rank 1). */
    public static int[] labels(Path file) throws IOException {
        IdxArray a = read(file);
        if (a.dims().length != 1) {
            throw DataFormatException.atOffset(file.toString(), 3, "a labels file (1 dimension)",
                    a.dims().length + " dimensions");
        }
        int[] out = new int[a.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i);
        }
        return out;
    }
}
