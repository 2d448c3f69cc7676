package org.equitrain.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * im2col and col2im through {@link SlidingWindows#im2col()} (walked as runs when the stride is 1, element by element
 * otherwise) against the geometry written out: {@code cols[c·kh·kw + i·kw + j, oh·Wo + ow] =
 * x[c, oh·s − p + i, ow·s − p + j]}, zero outside the plane, and col2im adding each column entry back in that order.
 */
class GatherMapTest {
    @Test
    void im2colAndCol2imMatchTheWindowGeometryForRandomLayouts() {
        SplittableRandom rng = new SplittableRandom(31);
        for (int trial = 0; trial < 60; trial++) {
            int c = 1 + rng.nextInt(3);
            int h = 3 + rng.nextInt(8);
            int w = 3 + rng.nextInt(8);
            int kh = 1 + rng.nextInt(3);
            int kw = 1 + rng.nextInt(3);
            int stride = 1 + rng.nextInt(2);
            int pad = rng.nextInt(3);
            int batch = 1 + rng.nextInt(3);
            SlidingWindows win = new SlidingWindows(c, h, w, kh, kw, stride, pad);
            GatherMap map = win.im2col();
            for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                String what = dt + " c" + c + " " + h + "x" + w + " k" + kh + "x" + kw + " s" + stride + " p" + pad;
                Tensor x = Tensor.randn(dt, rng, batch, c, h, w);
                Tensor cols = map.gather(x, batch, win.patchSize(), win.positions());
                assertArrayEquals(referenceIm2col(x, win, kh, kw, stride, pad).toDoubleArray(),
                        cols.toDoubleArray(), 0.0, what);
                Tensor g = Tensor.randn(dt, rng, batch, win.patchSize(), win.positions());
                Tensor dx = map.scatter(g, x.dims());
                assertArrayEquals(referenceCol2im(g, x.dims(), win, kh, kw, stride, pad).toDoubleArray(),
                        dx.toDoubleArray(), 0.0, what);
                checkPlaneByPlane(map, x, cols, g, dx, what);
            }
        }
    }

    /** gatherPlane into a reused, dirty buffer and scatterPlane one example at a time give the batched results. */
    private static void checkPlaneByPlane(GatherMap map, Tensor x, Tensor cols, Tensor g, Tensor dx, String what) {
        int per = map.outSize();
        Tensor buffer = Tensor.full(x.dtype(), Double.NaN, Shape.of(per));
        Tensor gPlane = Tensor.zeros(x.dtype(), per);
        Tensor acc = Tensor.zeros(x.dtype(), x.shape());
        double[] all = cols.toDoubleArray();
        for (int b = 0; b < x.dim(0); b++) {
            map.gatherPlane(x, b, buffer);
            assertArrayEquals(Arrays.copyOfRange(all, b * per, (b + 1) * per), buffer.toDoubleArray(), 0.0, what);
            for (int i = 0; i < per; i++) {
                gPlane.setFlat(i, g.getFlat(b * per + i));
            }
            map.scatterPlane(gPlane, acc, b);
        }
        assertArrayEquals(dx.toDoubleArray(), acc.toDoubleArray(), 0.0, what);
    }

    private static Tensor referenceIm2col(Tensor x, SlidingWindows win, int kh, int kw, int stride, int pad) {
        int batch = x.dim(0);
        Tensor cols = Tensor.zeros(x.dtype(), batch, win.patchSize(), win.positions());
        forEachEntry(x.dims(), win, kh, kw, stride, pad, (b, row, col, c, ih, iw) -> {
            if (ih >= 0) {
                cols.set(x.get(b, c, ih, iw), b, row, col);
            }
        });
        return cols;
    }

    private static Tensor referenceCol2im(Tensor g, int[] xDims, SlidingWindows win, int kh, int kw, int stride,
            int pad) {
        Tensor x = Tensor.zeros(g.dtype(), xDims);
        forEachEntry(xDims, win, kh, kw, stride, pad, (b, row, col, c, ih, iw) -> {
            if (ih >= 0) {
                x.set(x.get(b, c, ih, iw) + g.get(b, row, col), b, c, ih, iw);
            }
        });
        return x;
    }

    private interface Entry {
        /** Column entry (b, row, col) reads x[b, c, ih, iw], or padding when ih < 0. */
        void accept(int b, int row, int col, int c, int ih, int iw);
    }

    /** Every column entry in im2col's order: example, channel, kernel row and column, output row and column. */
    private static void forEachEntry(int[] xDims, SlidingWindows win, int kh, int kw, int stride, int pad, Entry e) {
        for (int b = 0; b < xDims[0]; b++) {
            for (int c = 0; c < xDims[1]; c++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int row = (c * kh + i) * kw + j;
                        for (int oh = 0; oh < win.outHeight(); oh++) {
                            for (int ow = 0; ow < win.outWidth(); ow++) {
                                int ih = oh * stride - pad + i;
                                int iw = ow * stride - pad + j;
                                boolean inside = ih >= 0 && ih < xDims[2] && iw >= 0 && iw < xDims[3];
                                e.accept(b, row, oh * win.outWidth() + ow, c, inside ? ih : -1, iw);
                            }
                        }
                    }
                }
            }
        }
    }
}
