package org.cnncourse.scratch;

import java.util.Arrays;

/**
 * Sizes of one sliding-window layer (convolution or pooling) on one input shape.
 * Padding may differ top/bottom and left/right (needed by {@link SizeRule#SAME}).
 */
public record ConvGeometry(int n, int c, int h, int w,
                           int fh, int fw,
                           int strideH, int strideW,
                           int padTop, int padBottom, int padLeft, int padRight,
                           int oh, int ow) {

    /**
     * Works out the output size, or throws a {@link ShapeException} that shows
     * OH = (H + 2P - FH)/S + 1 with the values that break it.
     *
     * @param layer  a name for messages, e.g. "Convolution"
     * @param xShape input shape (N, C, H, W)
     */
    public static ConvGeometry of(String layer, int[] xShape, int fh, int fw,
                                  int strideH, int strideW, int padH, int padW, SizeRule rule) {
        if (xShape.length != 4) {
            throw new ShapeException(layer + " expects a 4-D input (N, C, H, W) but got shape "
                    + Arrays.toString(xShape));
        }
        if (fh < 1 || fw < 1) {
            throw new ShapeException(layer + ": window " + fh + "x" + fw + " must be at least 1x1");
        }
        if (strideH < 1 || strideW < 1) {
            throw new ShapeException(layer + ": stride (" + strideH + ", " + strideW + ") must be at least 1");
        }
        if (padH < 0 || padW < 0) {
            throw new ShapeException(layer + ": padding (" + padH + ", " + padW + ") must not be negative");
        }
        int n = xShape[0], c = xShape[1], h = xShape[2], w = xShape[3];
        if (rule == SizeRule.SAME) {
            int oh = ceilDiv(h, strideH), ow = ceilDiv(w, strideW);
            int totalH = Math.max(0, (oh - 1) * strideH + fh - h);
            int totalW = Math.max(0, (ow - 1) * strideW + fw - w);
            return new ConvGeometry(n, c, h, w, fh, fw, strideH, strideW,
                    totalH / 2, totalH - totalH / 2, totalW / 2, totalW - totalW / 2, oh, ow);
        }
        int oh = outputSize(layer, "height", "OH", "H", "FH", h, padH, fh, strideH, rule);
        int ow = outputSize(layer, "width", "OW", "W", "FW", w, padW, fw, strideW, rule);
        return new ConvGeometry(n, c, h, w, fh, fw, strideH, strideW, padH, padH, padW, padW, oh, ow);
    }

    /** OH = (H + 2P - FH)/S + 1, checked. */
    public static int outputSize(String layer, String axis, String out, String in, String filter,
                                 int size, int pad, int window, int stride, SizeRule rule) {
        int span = size + 2 * pad - window;
        String formula = String.format("%s = (%s + 2P - %s)/S + 1 = (%d + 2*%d - %d)/%d + 1",
                out, in, filter, size, pad, window, stride);
        if (span < 0) {
            throw new ShapeException(String.format(
                    "%s output %s: %s: (%s + 2P - %s) = %d is negative, the %s of the window (%d) is larger than the padded input (%d)",
                    layer, axis, formula, in, filter, span, axis, window, size + 2 * pad));
        }
        if (span % stride != 0 && rule == SizeRule.STRICT) {
            throw new ShapeException(String.format(
                    "%s output %s: %s = %d/%d + 1 is not a whole number: (%s + 2P - %s) = %d is not divisible by S = %d"
                            + " (change the padding or stride, or round down with SizeRule.TRUNCATE)",
                    layer, axis, formula, span, stride, in, filter, span, stride));
        }
        return span / stride + 1;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Output shape (N, K, OH, OW) for K output channels. */
    public int[] outputShape(int k) {
        return new int[] {n, k, oh, ow};
    }

    public int[] inputShape() {
        return new int[] {n, c, h, w};
    }

    /** Number of values in one receptive field across all channels: C * FH * FW. */
    public int patchSize() {
        return c * fh * fw;
    }

    /** Number of output positions in the batch: N * OH * OW (the rows of im2col). */
    public int positions() {
        return n * oh * ow;
    }
}
