package org.cnncourse.scratch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LeNet-5 written from the lecture's table (L666-678), read bottom to top:
 *
 * <pre>
 * layer   kind              maps  size   kernel  stride  activation
 * C1      convolution         6   28x28   5x5      1     tanh
 * S2      average pooling     6   14x14   2x2      2     tanh
 * C3      convolution        16   10x10   5x5      1     tanh
 * S4      average pooling    16    5x5    2x2      2     tanh
 * C5      convolution       120    1x1    5x5      1     tanh
 * F6      fully connected         84                     tanh
 * output  fully connected         10                     softmax (the paper: RBF)
 * </pre>
 *
 * Input 1x32x32. Parameters are named by layer: C1_W, C1_b, C3_W, ... (W of a convolution is
 * (FN, C, FH, FW), of a fully connected layer (D, M)).
 */
public final class LeNet5 {
    public static final int INPUT_SIDE = 32;
    public static final int CLASSES = 10;

    /** Every parameter's shape, from the table: what each layer reads and how many maps it makes. */
    public static Map<String, int[]> parameterShapes() {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("C1_W", new int[] {6, 1, 5, 5});
        shapes.put("C1_b", new int[] {6});
        shapes.put("C3_W", new int[] {16, 6, 5, 5});
        shapes.put("C3_b", new int[] {16});
        shapes.put("C5_W", new int[] {120, 16, 5, 5});
        shapes.put("C5_b", new int[] {120});
        shapes.put("F6_W", new int[] {120, 84});
        shapes.put("F6_b", new int[] {84});
        shapes.put("output_W", new int[] {84, CLASSES});
        shapes.put("output_b", new int[] {CLASSES});
        return shapes;
    }

    private final Sequential net;

    /** LeNet-5 around these parameters (used, not copied); every name of {@link #parameterShapes} must be there. */
    public LeNet5(Map<String, Tensor> params) {
        Architectures.requireShapes("LeNet5", parameterShapes(), params);
        Map<String, Layer> layers = new LinkedHashMap<>();
        layers.put("C1", new Convolution(params.get("C1_W"), params.get("C1_b"), 1, 0)); // 6@28x28
        layers.put("C1 tanh", new Tanh());
        layers.put("S2", new Pooling(Pooling.Type.AVG, 2, 2, 0));                           // 6@14x14
        layers.put("S2 tanh", new Tanh());
        layers.put("C3", new Convolution(params.get("C3_W"), params.get("C3_b"), 1, 0)); // 16@10x10
        layers.put("C3 tanh", new Tanh());
        layers.put("S4", new Pooling(Pooling.Type.AVG, 2, 2, 0));                           // 16@5x5
        layers.put("S4 tanh", new Tanh());
        layers.put("C5", new Convolution(params.get("C5_W"), params.get("C5_b"), 1, 0)); // 120@1x1
        layers.put("C5 tanh", new Tanh());
        layers.put("F6", new Affine(params.get("F6_W"), params.get("F6_b")));              // 84
        layers.put("F6 tanh", new Tanh());
        layers.put("output", new Affine(params.get("output_W"), params.get("output_b")));  // 10, then softmax
        this.net = new Sequential(layers, 0.0);
    }

    /** Random weights from N(0, 1/fan-in), zero biases. */
    public static LeNet5 random(long seed) {
        return new LeNet5(Architectures.randomParams(parameterShapes(), seed));
    }

    /** The network as a chain of named layers: predict, loss, gradient, inputGradient. */
    public Sequential network() {
        return net;
    }

    /** Learnable parameters, counted from the layers (61,706). */
    public long numParams() {
        return net.numParams();
    }
}
