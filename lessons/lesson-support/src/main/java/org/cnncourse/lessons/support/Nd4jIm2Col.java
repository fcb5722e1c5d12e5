package org.cnncourse.lessons.support;

import org.cnncourse.scratch.ConvGeometry;
import org.cnncourse.scratch.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;

/**
 * ND4J's own im2col and col2im, rearranged into the book's matrix layout so the by-hand
 * versions can be compared with them. ND4J keeps the columns as a 6-D array
 * [N, C, FH, FW, OH, OW]; the book's matrix is [N*OH*OW, C*FH*FW], the same numbers permuted.
 */
public final class Nd4jIm2Col {
    private Nd4jIm2Col() {
    }

    /**
     * ND4J im2col as the book's (N*OH*OW, C*FH*FW) matrix; symmetric padding only. In double
     * precision: ND4J creates its output in the default data type, whatever the input's.
     */
    public static Tensor im2col(Tensor x, ConvGeometry g) {
        requireSymmetric(g);
        INDArray cols = Dl4jPrecision.inDouble(() -> Convolution.im2col(Tensors.toNd(x), g.fh(), g.fw(), g.strideH(),
                g.strideW(), g.padTop(), g.padLeft(), false));
        INDArray matrix = cols.permute(0, 4, 5, 1, 2, 3).dup('c').reshape(g.positions(), g.patchSize());
        return Tensors.fromNd(matrix);
    }

    /** ND4J col2im of a book-layout (N*OH*OW, C*FH*FW) matrix, giving an (N, C, H, W) tensor. */
    public static Tensor col2im(double[] bookMatrix, ConvGeometry g) {
        requireSymmetric(g);
        INDArray m = Tensors.toNd(Tensor.of(bookMatrix, g.n(), g.oh(), g.ow(), g.c(), g.fh(), g.fw()));
        INDArray six = m.permute(0, 3, 4, 5, 1, 2).dup('c');
        // ND4J names the last two arguments kH, kW, but they are the image height and width.
        return Tensors.fromNd(Dl4jPrecision.inDouble(
                () -> Convolution.col2im(six, g.strideH(), g.strideW(), g.padTop(), g.padLeft(), g.h(), g.w())));
    }

    private static void requireSymmetric(ConvGeometry g) {
        if (g.padTop() != g.padBottom() || g.padLeft() != g.padRight()) {
            throw new IllegalArgumentException("ND4J's im2col takes one padding per axis; got top/bottom "
                    + g.padTop() + "/" + g.padBottom() + ", left/right " + g.padLeft() + "/" + g.padRight());
        }
    }
}
