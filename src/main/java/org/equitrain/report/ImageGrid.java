package org.equitrain.report;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A grid of grayscale images (e.g. generated digits) with a label under each. Pixels are values in [0, 1]
 * (0 black, 1 white; values outside are clipped), row-major h × w. Each image is embedded as a PNG data URI,
 * enlarged by whole pixels (nearest neighbour) so it stays sharp in any viewer. NaN pixels are drawn magenta and
 * counted under the label.
 *
 * <pre>{@code
 * String svg = new ImageGrid().title("Samples, generation 3").columns(8)
 *         .image(pixels, 28, 28, "digit 7").svg();
 * }</pre>
 */
public final class ImageGrid implements Plot {
    private record Image(double[] pixels, int h, int w, String label) {
    }

    private static final int GAP = 10;
    private static final int PAD = 12;
    private final List<Image> images = new ArrayList<>();
    private String title = "";
    private int columns;
    private int scale;

    /** The title above the grid (default none). */
    public ImageGrid title(String title) {
        this.title = title;
        return this;
    }

    /** Images per row (default: up to 8). */
    public ImageGrid columns(int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("an image grid needs at least one column, got " + columns);
        }
        this.columns = columns;
        return this;
    }

    /** Screen pixels per image pixel (default: enough to make the largest image about 64 px). */
    public ImageGrid scale(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("image scale must be at least 1, got " + scale);
        }
        this.scale = scale;
        return this;
    }

    /** Adds an h × w image given row-major. */
    public ImageGrid image(double[] pixels, int h, int w, String label) {
        if (h < 1 || w < 1 || pixels.length != h * w) {
            throw new IllegalArgumentException("image '" + label + "': " + pixels.length + " pixels do not make "
                    + h + " x " + w);
        }
        images.add(new Image(pixels.clone(), h, w, label));
        return this;
    }

    @Override
    public String svg() {
        int maxH = 1;
        int maxW = 1;
        boolean labels = false;
        boolean nans = false;
        for (Image im : images) {
            maxH = Math.max(maxH, im.h);
            maxW = Math.max(maxW, im.w);
            labels |= !im.label.isEmpty();
            for (double v : im.pixels) {
                nans |= Double.isNaN(v);
            }
        }
        int s = scale > 0 ? scale : Math.max(1, (int) Math.ceil(64.0 / Math.max(maxH, maxW)));
        int cols = Math.max(1, columns > 0 ? columns : Math.min(8, images.size()));
        int rows = Math.max(1, (images.size() + cols - 1) / cols);
        int cellW = Math.max(maxW * s, 64);
        int cellH = maxH * s + (labels ? 18 : 0) + (nans ? 14 : 0);
        int top = title.isEmpty() ? PAD : 40;
        int width = 2 * PAD + cols * cellW + (cols - 1) * GAP;
        int height = top + rows * cellH + (rows - 1) * GAP + PAD;
        width = Math.max(width, title.isEmpty() ? 0 : (int) (title.length() * 15 * PlotFrame.GLYPH) + 2 * PAD);
        Svg svg = new Svg(width, height, title.isEmpty() ? "images" : title);
        svg.rect(0, 0, width, height, "#FFFFFF", "");
        if (!title.isEmpty()) {
            svg.text(width / 2.0, 24, title, "middle", "font-size=\"15\" font-weight=\"600\" fill=\"" + Palette.TEXT + "\"");
        }
        int maxChars = Math.max(3, (int) ((cellW + GAP) / (11 * PlotFrame.GLYPH)));
        for (int i = 0; i < images.size(); i++) {
            Image im = images.get(i);
            int x = PAD + (i % cols) * (cellW + GAP);
            int y = top + (i / cols) * (cellH + GAP);
            int nan = 0;
            for (double v : im.pixels) {
                nan += Double.isNaN(v) ? 1 : 0;
            }
            double ix = x + (cellW - im.w * s) / 2.0;
            svg.image(ix, y, im.w * s, im.h * s, pngDataUri(im, s, nan > 0));
            svg.rect(ix, y, im.w * s, im.h * s, "none", "stroke=\"" + Palette.GRID + "\"");
            if (!im.label.isEmpty()) {
                svg.text(x + cellW / 2.0, y + maxH * s + 14, shortened(im.label, maxChars), "middle",
                        "font-size=\"11\" fill=\"" + Palette.TEXT + "\"");
            }
            if (nan > 0) {
                svg.text(x + cellW / 2.0, y + maxH * s + (labels ? 28 : 14), nan + " NaN px", "middle",
                        "font-size=\"10\" fill=\"" + Palette.MUTED + "\"");
            }
        }
        if (images.isEmpty()) {
            svg.text(width / 2.0, top + cellH / 2.0, "no images", "middle", "fill=\"" + Palette.MUTED + "\"");
        }
        return svg.close();
    }

    private static String shortened(String label, int maxChars) {
        return label.length() <= maxChars ? label : label.substring(0, maxChars - 1) + "…";
    }

    private static String pngDataUri(Image im, int s, boolean hasNaN) {
        BufferedImage img = new BufferedImage(im.w * s, im.h * s,
                hasNaN ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = img.getRaster();
        int[] rgb = new int[3];
        for (int r = 0; r < im.h; r++) {
            for (int c = 0; c < im.w; c++) {
                double v = im.pixels[r * im.w + c];
                int g = Double.isNaN(v) ? 0 : (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                rgb[0] = Double.isNaN(v) ? 255 : g;
                rgb[1] = g;
                rgb[2] = Double.isNaN(v) ? 255 : g;
                for (int dy = 0; dy < s; dy++) {
                    for (int dx = 0; dx < s; dx++) {
                        // Raw samples, not setRGB: a gray BufferedImage would gamma-convert sRGB values.
                        if (hasNaN) {
                            raster.setPixel(c * s + dx, r * s + dy, rgb);
                        } else {
                            raster.setSample(c * s + dx, r * s + dy, 0, g);
                        }
                    }
                }
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode image as PNG", e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }
}
