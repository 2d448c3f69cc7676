package org.equitrain.autodiff;

import org.equitrain.tensor.Shape;
import org.equitrain.tensor.SlidingWindows;

/** The non-tensor arguments of a "conv2d" node: stride and zero padding, equal along height and width. */
public record Conv2dAttributes(int stride, int padding) {
    /** The window geometry of this convolution for input {@code x} [B, C, H, W] and weight {@code w} [O, C, kh, kw]. */
    public SlidingWindows windows(Shape x, Shape w) {
        return new SlidingWindows(x.dim(1), x.dim(2), x.dim(3), w.dim(2), w.dim(3), stride, padding);
    }
}
