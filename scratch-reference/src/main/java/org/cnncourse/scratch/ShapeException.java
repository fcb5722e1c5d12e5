package org.cnncourse.scratch;

/** A tensor of the wrong shape for a layer: the message names the formula and the values. */
public class ShapeException extends IllegalArgumentException {
    public ShapeException(String message) {
        super(message);
    }

    /** The upstream gradient of {@code layer}'s backward pass must have its forward output's shape. */
    public static void requireGradientShape(String layer, Tensor dout, int[] forwardShape) {
        if (!java.util.Arrays.equals(dout.shape(), forwardShape)) {
            throw new ShapeException(layer + ".backward: dout has shape " + java.util.Arrays.toString(dout.shape())
                    + " but the forward output had shape " + java.util.Arrays.toString(forwardShape));
        }
    }

    /** The upstream gradient of a fully connected layer must hold N x M values, one per output. */
    public static void requireGradientSize(String layer, Tensor dout, int n, int m) {
        if (dout.size() != n * m) {
            throw new ShapeException(layer + ".backward: dout has shape " + java.util.Arrays.toString(dout.shape())
                    + ", expected (" + n + ", " + m + ")");
        }
    }
}
