package org.cnncourse.engine;

import org.cnncourse.scratch.ConvGeometry;

/**
 * im2col one image at a time and transposed, as Caffe does: the layout the fast convolution
 * multiplies. {@link org.cnncourse.scratch.Im2Col} is the lecture's batch version it is tested against.
 */
public final class FastIm2Col {
    private FastIm2Col() {
    }

    /**
     * The receptive fields of image {@code n} alone, laid out transposed: {@code colT} gets shape
     * (C*FH*FW, OH*OW), row (c*FH + ky)*FW + kx, column oy*OW + ox. This is the layout the fast
     * convolution multiplies: W (FN, C*FH*FW) x colT gives the image's output (FN, OH*OW), already
     * in NCHW order, in a product whose rows are OH*OW long.
     */
    public static void im2colImage(double[] in, ConvGeometry g, int n, double padValue, double[] colT) {
        int hw = g.oh() * g.ow();
        for (int c = 0; c < g.c(); c++) {
            int plane = (n * g.c() + c) * g.h() * g.w();
            for (int ky = 0; ky < g.fh(); ky++) {
                for (int kx = 0; kx < g.fw(); kx++) {
                    int row = ((c * g.fh() + ky) * g.fw() + kx) * hw;
                    for (int oy = 0; oy < g.oh(); oy++) {
                        int iy = oy * g.strideH() + ky - g.padTop();
                        int dst = row + oy * g.ow();
                        if (iy < 0 || iy >= g.h()) {
                            java.util.Arrays.fill(colT, dst, dst + g.ow(), padValue);
                            continue;
                        }
                        int src = plane + iy * g.w();
                        for (int ox = 0; ox < g.ow(); ox++) {
                            int ix = ox * g.strideW() + kx - g.padLeft();
                            colT[dst + ox] = ix >= 0 && ix < g.w() ? in[src + ix] : padValue;
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2colImage}: adds the columns of {@code colT} onto image {@code n} of {@code out}. */
    public static void col2imImage(double[] colT, ConvGeometry g, int n, double[] out) {
        int hw = g.oh() * g.ow();
        for (int c = 0; c < g.c(); c++) {
            int plane = (n * g.c() + c) * g.h() * g.w();
            for (int ky = 0; ky < g.fh(); ky++) {
                for (int kx = 0; kx < g.fw(); kx++) {
                    int row = ((c * g.fh() + ky) * g.fw() + kx) * hw;
                    for (int oy = 0; oy < g.oh(); oy++) {
                        int iy = oy * g.strideH() + ky - g.padTop();
                        if (iy < 0 || iy >= g.h()) {
                            continue;
                        }
                        int src = row + oy * g.ow(), dst = plane + iy * g.w();
                        for (int ox = 0; ox < g.ow(); ox++) {
                            int ix = ox * g.strideW() + kx - g.padLeft();
                            if (ix >= 0 && ix < g.w()) {
                                out[dst + ix] += colT[src + ox];
                            }
                        }
                    }
                }
            }
        }
    }
}
