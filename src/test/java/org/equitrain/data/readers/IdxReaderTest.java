package org.equitrain.data.readers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** Writes an IDX file of unsigned bytes: magic 0x0000080r, the sizes, the data. */
    static void writeIdx(Path f, boolean gzip, int[] dims, byte[] data) throws IOException {
        try (OutputStream raw = Files.newOutputStream(f);
                DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw)) {
            out.writeInt(0x00000800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }

    @Test
    void readsPlainAndGzippedImagesAndLabels() throws Exception {
        byte[] pixels = new byte[2 * 2 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 20);
        }
        pixels[11] = (byte) 255;
        Path img = dir.resolve("imgs-idx3-ubyte.gz");
        writeIdx(img, true, new int[] {2, 2, 3}, pixels);
        Path lab = dir.resolve("labels-idx1-ubyte");
        writeIdx(lab, false, new int[] {2}, new byte[] {7, (byte) 200});
        Tensor t = IdxReader.images(img, DType.FLOAT32);
        assertArrayEquals(new int[] {2, 1, 2, 3}, t.dims());
        assertEquals(20 / 255.0, t.get(0, 0, 0, 1), 1e-7);
        assertEquals(1.0, t.get(1, 0, 1, 2), 1e-7);
        assertArrayEquals(new int[] {7, 200}, IdxReader.labels(lab));
    }

    @Test
    void badMagicTruncationAndWrongRankAreErrors() throws Exception {
        Path f = dir.resolve("bad");
        Files.write(f, new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0});
        DataFormatException magic = assertThrows(DataFormatException.class, () -> IdxReader.read(f));
        assertEquals(0, magic.offset());
        assertEquals("00000d01", magic.found());
        Path cut = dir.resolve("cut");
        writeIdx(cut, false, new int[] {10}, new byte[3]);
        DataFormatException trunc = assertThrows(DataFormatException.class, () -> IdxReader.read(cut));
        assertEquals("the end of the file", trunc.found());
        assertThrows(DataFormatException.class, () -> IdxReader.images(cut, DType.FLOAT64));
    }
}
