package org.equitrain.data.readers;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * Reads a sheet of equally sized image cells, such as OpenCV's {@code digits.png} (2000×1000 grey, 20×20 cells,
 * 100 per row; datasets.md §2), with {@link ImageIO}: the cells in row-major grid order as [N, 1, cell, cell] with
 * pixels scaled to [0, 1] (colour images are averaged over their bands).
 */
public final class DigitsPngReader {
    private DigitsPngReader() {
    }

    /** The cells of {@code file}; its width and height must be multiples of {@code cell}. */
    public static Tensor cells(Path file, int cell, DType dtype) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw DataFormatException.atOffset(file.toString(), 0, "an image ImageIO can read (PNG)",
                    "an unknown format");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        if (w % cell != 0 || h % cell != 0) {
            throw DataFormatException.atOffset(file.toString(), -1, "width and height multiples of " + cell,
                    w + "x" + h);
        }
        int perRow = w / cell;
        int n = perRow * (h / cell);
        Raster r = img.getRaster();
        int bands = r.getNumBands();
        double scale = (1 << img.getColorModel().getComponentSize(0)) - 1;
        Tensor t = Tensor.zeros(dtype, n, 1, cell, cell);
        int[] px = new int[bands];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.getPixel(x, y, px);
                double v = 0;
                for (int b = 0; b < Math.min(bands, 3); b++) {
                    v += px[b];
                }
                int index = (y / cell) * perRow + x / cell;
                t.setFlat((index * cell + y % cell) * cell + x % cell, v / Math.min(bands, 3) / scale);
            }
        }
        return t;
    }

    /**
     * Labels for a grid whose cell rows form {@code classes} equal bands, band k holding class k (digits.png: cell
     * rows 0–4 are digit 0, 5–9 digit 1, ...).
     */
    public static int[] bandLabels(int gridRows, int cellsPerRow, int classes) {
        if (gridRows % classes != 0) {
            throw new IllegalArgumentException(gridRows + " cell rows do not split into " + classes + " equal bands");
        }
        int[] y = new int[gridRows * cellsPerRow];
        for (int i = 0; i < y.length; i++) {
            y[i] = (i / cellsPerRow) / (gridRows / classes);
        }
        return y;
    }
}
