package org.cnncourse.scratch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AlexNet written from the lecture's table (L691-703), read bottom to top:
 *
 * <pre>
 * layer   kind              maps   size     kernel  stride  padding  activation
 * C1      convolution        96    55x55    11x11     4     valid    ReLU
 * S2      max pooling        96    27x27     3x3      2     valid
 * C3      convolution       256    27x27     5x5      1     same     ReLU
 * S4      max pooling       256    13x13     3x3      2     valid
 * C5      convolution       384    13x13     3x3      1     same     ReLU
 * C6      convolution       384    13x13     3x3      1     same     ReLU
 * C7      convolution       256    13x13     3x3      1     same     ReLU
 * F8      max pooling       256     6x6      3x3      2     valid      (the table says F8; it is a pooling)
 * F9      fully connected         4,096                              ReLU
 * F10     fully connected         4,096                              ReLU
 * output  fully connected         1,000                              softmax
 * </pre>
 *
 * Input 3x227x227. The paper also normalises (LRN) after the first two poolings, and drops half
 * of F9's and F10's inputs while training; LRN is here, dropout is not (at inference it is the
 * identity, and the lessons compare inference and gradients without it).
 */
public final class AlexNet {
    /**
     * The sizes: input channels and side, the maps of each convolution, the units of F9 and F10,
     * the classes, and the LRN constants.
     */
    public record Config(int channels, int side, int c1, int c3, int c5, int c6, int c7, int f9, int f10, int classes,
                         double lrnK, int lrnN, double lrnAlpha, double lrnBeta) {
        /** The lecture's table: 62,378,344 parameters. */
        public static Config lecture() {
            return new Config(3, 227, 96, 256, 384, 384, 256, 4096, 4096, 1000, 2, 5, 1e-4, 0.75);
        }

        /** Side after C1 (11x11, stride 4, valid) and after each 3x3 stride-2 pooling. */
        int c1Side() {
            return (side - 11) / 4 + 1;
        }

        static int pooled(int s) {
            return (s - 3) / 2 + 1;
        }

        /** Values entering F9: C7's maps at F8's side. */
        public int f9Inputs() {
            return c7 * pooled(pooled(pooled(c1Side()))) * pooled(pooled(pooled(c1Side())));
        }
    }

    /** Every parameter's shape, in the table's order. */
    public static Map<String, int[]> parameterShapes(Config c) {
        Map<String, int[]> s = new LinkedHashMap<>();
        s.put("C1_W", new int[] {c.c1(), c.channels(), 11, 11});
        s.put("C1_b", new int[] {c.c1()});
        s.put("C3_W", new int[] {c.c3(), c.c1(), 5, 5});
        s.put("C3_b", new int[] {c.c3()});
        s.put("C5_W", new int[] {c.c5(), c.c3(), 3, 3});
        s.put("C5_b", new int[] {c.c5()});
        s.put("C6_W", new int[] {c.c6(), c.c5(), 3, 3});
        s.put("C6_b", new int[] {c.c6()});
        s.put("C7_W", new int[] {c.c7(), c.c6(), 3, 3});
        s.put("C7_b", new int[] {c.c7()});
        s.put("F9_W", new int[] {c.f9Inputs(), c.f9()});
        s.put("F9_b", new int[] {c.f9()});
        s.put("F10_W", new int[] {c.f9(), c.f10()});
        s.put("F10_b", new int[] {c.f10()});
        s.put("output_W", new int[] {c.f10(), c.classes()});
        s.put("output_b", new int[] {c.classes()});
        return s;
    }

    /** AlexNet around these parameters (used, not copied), as a chain of named layers. */
    public static Sequential network(Config c, Map<String, Tensor> params) {
        Architectures.requireShapes("AlexNet", parameterShapes(c), params);
        Map<String, Layer> layers = new LinkedHashMap<>();
        layers.put("C1", new Convolution(params.get("C1_W"), params.get("C1_b"), 4, 0));
        layers.put("C1 relu", new Relu());
        layers.put("S2", new Pooling(Pooling.Type.MAX, 3, 3, 2, 2, 0, 0, SizeRule.TRUNCATE, false));
        layers.put("S2 LRN", new LocalResponseNormalization(c.lrnK(), c.lrnN(), c.lrnAlpha(), c.lrnBeta()));
        layers.put("C3", new Convolution(params.get("C3_W"), params.get("C3_b"), 1, 2));
        layers.put("C3 relu", new Relu());
        layers.put("S4", new Pooling(Pooling.Type.MAX, 3, 3, 2, 2, 0, 0, SizeRule.TRUNCATE, false));
        layers.put("S4 LRN", new LocalResponseNormalization(c.lrnK(), c.lrnN(), c.lrnAlpha(), c.lrnBeta()));
        layers.put("C5", new Convolution(params.get("C5_W"), params.get("C5_b"), 1, 1));
        layers.put("C5 relu", new Relu());
        layers.put("C6", new Convolution(params.get("C6_W"), params.get("C6_b"), 1, 1));
        layers.put("C6 relu", new Relu());
        layers.put("C7", new Convolution(params.get("C7_W"), params.get("C7_b"), 1, 1));
        layers.put("C7 relu", new Relu());
        layers.put("F8", new Pooling(Pooling.Type.MAX, 3, 3, 2, 2, 0, 0, SizeRule.TRUNCATE, false));
        layers.put("F9", new Affine(params.get("F9_W"), params.get("F9_b")));
        layers.put("F9 relu", new Relu());
        layers.put("F10", new Affine(params.get("F10_W"), params.get("F10_b")));
        layers.put("F10 relu", new Relu());
        layers.put("output", new Affine(params.get("output_W"), params.get("output_b")));
        return new Sequential(layers, 0.0);
    }

    /**
     * The course's compact AlexNet (alexnet-small) on 1x28x28, as a blueprint: conv1 5x5 (16), a
     * 3x3 stride-2 max pooling and LRN, conv2 3x3 (32), pooling and LRN, conv3-conv5 3x3 (48, 48,
     * 32), pooling, fc6 and fc7 (128) and fc8 (10); sizes as DL4J's ConvolutionMode.Same. Its
     * dropout is left out: the comparison runs it in training mode, where dropout is random.
     */
    public static Blueprint small() {
        Blueprint b = new Blueprint("input");
        String x = b.relu("conv1_relu", b.conv("conv1", "input", 1, 16, 5, 1, 2, SizeRule.SAME, true));
        x = b.lrn("norm1", b.pool("pool1", x, Pooling.Type.MAX, 3, 2, 1, SizeRule.SAME), 2, 5, 1e-4, 0.75);
        x = b.relu("conv2_relu", b.conv("conv2", x, 16, 32, 3, 1, 1, SizeRule.SAME, true));
        x = b.lrn("norm2", b.pool("pool2", x, Pooling.Type.MAX, 3, 2, 1, SizeRule.SAME), 2, 5, 1e-4, 0.75);
        x = b.relu("conv3_relu", b.conv("conv3", x, 32, 48, 3, 1, 1, SizeRule.SAME, true));
        x = b.relu("conv4_relu", b.conv("conv4", x, 48, 48, 3, 1, 1, SizeRule.SAME, true));
        x = b.relu("conv5_relu", b.conv("conv5", x, 48, 32, 3, 1, 1, SizeRule.SAME, true));
        x = b.pool("pool5", x, Pooling.Type.MAX, 3, 2, 1, SizeRule.SAME); // 28 -> 14 -> 7 -> 4
        x = b.relu("fc6_relu", b.affine("fc6", x, 32 * 4 * 4, 128));
        x = b.relu("fc7_relu", b.affine("fc7", x, 128, 128));
        b.affine("fc8", x, 128, 10);
        return b;
    }

    private AlexNet() {
    }
}
