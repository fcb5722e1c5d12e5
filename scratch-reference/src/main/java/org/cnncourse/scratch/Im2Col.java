package org.cnncourse.scratch;

/**
 * im2col and col2im, the lecture's trick that turns a convolution into one matrix product.
 *
 * <p>{@code im2col} copies every receptive field of the (N, C, H, W) input into one row of a
 * matrix of shape (N*OH*OW, C*FH*FW): row (n*OH + oy)*OW + ox, column (c*FH + ky)*FW + kx.
 * Padded cells are filled with {@code padValue}. {@code col2im} goes back: it adds every row
 * onto the cells it was copied from, so cells shared by overlapping windows add up, which is
 * exactly the gradient of im2col.
 */
public final class Im2Col {
    private Im2Col() {
    }

    public static Tensor im2col(Tensor x, ConvGeometry g, double padValue) {
        Tensor col = Tensor.zeros(g.positions(), g.patchSize());
        for (int n = 0; n < g.n(); n++) {
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++) {
                    int row = (n * g.oh() + oy) * g.ow() + ox;
                    for (int c = 0; c < g.c(); c++) {
                        for (int ky = 0; ky < g.fh(); ky++) {
                            for (int kx = 0; kx < g.fw(); kx++) {
                                int column = (c * g.fh() + ky) * g.fw() + kx;
                                int iy = oy * g.strideH() + ky - g.padTop();
                                int ix = ox * g.strideW() + kx - g.padLeft();
                                boolean inside = iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w();
                                col.set(inside ? x.get(n, c, iy, ix) : padValue, row, column);
                            }
                        }
                    }
                }
            }
        }
        return col;
    }

    public static Tensor col2im(Tensor col, ConvGeometry g) {
        Tensor dx = Tensor.zeros(g.inputShape());
        for (int n = 0; n < g.n(); n++) {
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++) {
                    int row = (n * g.oh() + oy) * g.ow() + ox;
                    for (int c = 0; c < g.c(); c++) {
                        for (int ky = 0; ky < g.fh(); ky++) {
                            for (int kx = 0; kx < g.fw(); kx++) {
                                int column = (c * g.fh() + ky) * g.fw() + kx;
                                int iy = oy * g.strideH() + ky - g.padTop();
                                int ix = ox * g.strideW() + kx - g.padLeft();
                                if (iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w()) {
                                    dx.set(dx.get(n, c, iy, ix) + col.get(row, column), n, c, iy, ix);
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }
}
