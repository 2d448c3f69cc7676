package org.equitrain.tensor;

/**
 * The geometry of a 2-D window sliding over [C, H, W] planes with a stride and zero padding on every side, as in
 * convolution and pooling: {@code Ho = (H + 2·padding − kernelH) / stride + 1}, likewise Wo.
 */
public final class SlidingWindows {
    private final int channels;
    private final int height;
    private final int width;
    private final int kernelH;
    private final int kernelW;
    private final int stride;
    private final int padding;

    /**
     * Windows of {@code kernelH × kernelW} over [channels, height, width] planes; throws if the stride is below 1, the
     * padding negative or the window larger than the padded plane.
     */
    public SlidingWindows(int channels, int height, int width, int kernelH, int kernelW, int stride, int padding) {
        if (stride < 1 || padding < 0 || kernelH < 1 || kernelW < 1 || kernelH > height + 2 * padding
                || kernelW > width + 2 * padding) {
            throw new IllegalArgumentException("a " + kernelH + "x" + kernelW + " window with stride " + stride
                    + " and padding " + padding + " does not fit a " + height + "x" + width + " plane");
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.stride = stride;
        this.padding = padding;
    }

    /** Output height {@code Ho = (H + 2·padding − kernelH) / stride + 1}. */
    public int outHeight() {
        return (height + 2 * padding - kernelH) / stride + 1;
    }

    /** Output width {@code Wo = (W + 2·padding − kernelW) / stride + 1}. */
    public int outWidth() {
        return (width + 2 * padding - kernelW) / stride + 1;
    }

    /** Number of window positions, {@code Ho · Wo}. */
    public int positions() {
        return outHeight() * outWidth();
    }

    /** Elements in one patch over all channels, {@code C · kh · kw}. */
    public int patchSize() {
        return channels * kernelH * kernelW;
    }

    /**
     * im2col for one example: [C, H, W] → [C·kh·kw, Ho·Wo], row (c, i, j) and column (oh, ow) holding
     * {@code x[c, oh·stride − padding + i, ow·stride − padding + j]} (zero outside the plane). Its
     * {@link GatherMap#scatter} is col2im.
     */
    public GatherMap im2col() {
        int ho = outHeight();
        int wo = outWidth();
        int positions = ho * wo;
        int[] index = new int[patchSize() * positions];
        int t = 0;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < kernelH; i++) {
                for (int j = 0; j < kernelW; j++) {
                    for (int oh = 0; oh < ho; oh++) {
                        int ih = oh * stride - padding + i;
                        for (int ow = 0; ow < wo; ow++) {
                            int iw = ow * stride - padding + j;
                            boolean inside = ih >= 0 && ih < height && iw >= 0 && iw < width;
                            index[t++] = inside ? (c * height + ih) * width + iw : -1;
                        }
                    }
                }
            }
        }
        return new GatherMap(channels * height * width, index.length, 1, index, 1.0);
    }

    /**
     * The windows of one channel plane: [H, W] → [Ho·Wo], each output summing its kh·kw window times
     * {@code scale} (1/(kh·kw) gives average pooling). Entry {@code o·kh·kw + j} of {@link #windowIndex} is the
     * j-th element of window o.
     */
    public GatherMap windows(double scale) {
        return new GatherMap(height * width, positions(), kernelH * kernelW, windowIndex(), scale);
    }

    /** Flat positions within one [H, W] plane of every window's elements, window by window. */
    public int[] windowIndex() {
        int ho = outHeight();
        int wo = outWidth();
        int[] index = new int[ho * wo * kernelH * kernelW];
        int t = 0;
        for (int oh = 0; oh < ho; oh++) {
            for (int ow = 0; ow < wo; ow++) {
                for (int i = 0; i < kernelH; i++) {
                    int ih = oh * stride - padding + i;
                    for (int j = 0; j < kernelW; j++) {
                        int iw = ow * stride - padding + j;
                        boolean inside = ih >= 0 && ih < height && iw >= 0 && iw < width;
                        index[t++] = inside ? ih * width + iw : -1;
                    }
                }
            }
        }
        return index;
    }
}
