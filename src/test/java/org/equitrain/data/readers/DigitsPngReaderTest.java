package org.equitrain.data.readers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitsPngReaderTest {
    @TempDir
    Path dir;

    @Test
    void cutsAGreySheetIntoCellsInRowMajorOrder() throws Exception {
        // a 3x2 grid of 4x4 cells; cell k is filled with grey level 40k, one marked pixel in cell 4
        BufferedImage img = new BufferedImage(12, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 12; x++) {
                int cell = (y / 4) * 3 + x / 4;
                img.getRaster().setSample(x, y, 0, 40 * cell);
            }
        }
        img.getRaster().setSample(4 + 2, 4 + 1, 0, 255);
        Path png = dir.resolve("sheet.png");
        ImageIO.write(img, "png", png.toFile());
        Tensor t = DigitsPngReader.cells(png, 4, DType.FLOAT32);
        assertArrayEquals(new int[] {6, 1, 4, 4}, t.dims());
        for (int k = 0; k < 6; k++) {
            assertEquals(40 * k / 255.0, t.get(k, 0, 0, 0), 1e-6);
        }
        assertEquals(1.0, t.get(4, 0, 1, 2), 1e-6);
        assertThrows(DataFormatException.class, () -> DigitsPngReader.cells(png, 5, DType.FLOAT32));
        Path notPng = dir.resolve("x.png");
        Files.writeString(notPng, "not an image");
        assertThrows(DataFormatException.class, () -> DigitsPngReader.cells(notPng, 4, DType.FLOAT32));
    }

    @Test
    void bandLabelsFollowCellRows() {
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1}, DigitsPngReader.bandLabels(4, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> DigitsPngReader.bandLabels(5, 2, 2));
    }
}
