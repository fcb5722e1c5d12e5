package org.cnncourse.scratch;

/**
 * im2col and col2im, the lecture's trick that turns a convolution into one matrix product.
 *
 * <p>{@code im2col} copies every receptive field of the (N, C, H, W) input into one row of a
 * matrix of shape (N*OH*OW, C*FH*FW); row r = (n*OH + oy)*OW + ox, column (c*FH + ky)*FW + kx.
 * Padded cells are filled with {@code padValue}. {@code col2im} is its adjoint: it adds every
 * row back onto the cells it was copied from (overlapping windows add up), which is exactly
 * the gradient of im2col.
 */
public final class Im2Col {
    private Im2Col() {
    }

    public static double[] im2col(Tensor x, ConvGeometry g, double padValue) {
        double[] in = x.data();
        int patch = g.patchSize();
        double[] col = new double[Tensor.checkedSize(new int[] {g.positions(), patch})];
        Parallel.forEach(g.n(), (long) g.positions() * patch, n -> {
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++) {
                    int row = ((n * g.oh() + oy) * g.ow() + ox) * patch;
                    for (int c = 0; c < g.c(); c++) {
                        int plane = (n * g.c() + c) * g.h() * g.w();
                        for (int ky = 0; ky < g.fh(); ky++) {
                            int iy = oy * g.strideH() + ky - g.padTop();
                            int dst = row + (c * g.fh() + ky) * g.fw();
                            boolean rowInside = iy >= 0 && iy < g.h();
                            for (int kx = 0; kx < g.fw(); kx++) {
                                int ix = ox * g.strideW() + kx - g.padLeft();
                                col[dst + kx] = rowInside && ix >= 0 && ix < g.w()
                                        ? in[plane + iy * g.w() + ix] : padValue;
                            }
                        }
                    }
                }
            }
        });
        return col;
    }

    public static Tensor col2im(double[] col, ConvGeometry g) {
        Tensor dx = Tensor.zeros(g.inputShape());
        double[] out = dx.data();
        int patch = g.patchSize();
        // Each image n only receives rows of its own windows, so images are independent.
        Parallel.forEach(g.n(), (long) g.positions() * patch, n -> {
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++) {
                    int row = ((n * g.oh() + oy) * g.ow() + ox) * patch;
                    for (int c = 0; c < g.c(); c++) {
                        int plane = (n * g.c() + c) * g.h() * g.w();
                        for (int ky = 0; ky < g.fh(); ky++) {
                            int iy = oy * g.strideH() + ky - g.padTop();
                            if (iy < 0 || iy >= g.h()) {
                                continue;
                            }
                            int src = row + (c * g.fh() + ky) * g.fw();
                            for (int kx = 0; kx < g.fw(); kx++) {
                                int ix = ox * g.strideW() + kx - g.padLeft();
                                if (ix >= 0 && ix < g.w()) {
                                    out[plane + iy * g.w() + ix] += col[src + kx];
                                }
                            }
                        }
                    }
                }
            }
        });
        return dx;
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
