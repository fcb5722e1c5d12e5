package org.cnncourse.scratch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * VGG (Simonyan and Zisserman, 2014; the lecture's L718-726): blocks of 3x3 convolutions
 * (stride 1, padding 1, ReLU), each block closed by a 2x2 max pooling of stride 2, then three
 * fully connected layers. VGG-16 is configuration D: blocks of 64, 64 | 128, 128 | 256 x3 |
 * 512 x3 | 512 x3 maps on a 3x224x224 input, then 4,096, 4,096 and 1,000 units.
 * Layers are named convB_I (block B, convolution I), poolB, fc6, fc7, fc8 as in the paper.
 */
public final class Vgg {
    /** Maps of every convolution, block by block; the input; the hidden units of fc6 and fc7; the classes. */
    public record Config(List<List<Integer>> blocks, int channels, int side, int hidden, int classes) {
        /** VGG-16, configuration D: 138,357,544 parameters. */
        public static Config vgg16() {
            return new Config(List.of(List.of(64, 64), List.of(128, 128), List.of(256, 256, 256),
                    List.of(512, 512, 512), List.of(512, 512, 512)), 3, 224, 4096, 1000);
        }

        /** Values entering fc6: the last block's maps at the side left after every pooling. */
        int fc6Inputs() {
            int s = side;
            for (int b = 0; b < blocks.size(); b++) {
                s /= 2;
            }
            List<Integer> last = blocks.get(blocks.size() - 1);
            return last.get(last.size() - 1) * s * s;
        }
    }

    /** Every parameter's shape, in the network's order. */
    public static Map<String, int[]> parameterShapes(Config c) {
        Map<String, int[]> s = new LinkedHashMap<>();
        int in = c.channels();
        for (int b = 0; b < c.blocks().size(); b++) {
            for (int i = 0; i < c.blocks().get(b).size(); i++) {
                int maps = c.blocks().get(b).get(i);
                String name = "conv" + (b + 1) + "_" + (i + 1);
                s.put(name + "_W", new int[] {maps, in, 3, 3});
                s.put(name + "_b", new int[] {maps});
                in = maps;
            }
        }
        s.put("fc6_W", new int[] {c.fc6Inputs(), c.hidden()});
        s.put("fc6_b", new int[] {c.hidden()});
        s.put("fc7_W", new int[] {c.hidden(), c.hidden()});
        s.put("fc7_b", new int[] {c.hidden()});
        s.put("fc8_W", new int[] {c.hidden(), c.classes()});
        s.put("fc8_b", new int[] {c.classes()});
        return s;
    }

    /** VGG around these parameters (used, not copied), as a chain of named layers. */
    public static Sequential network(Config c, Map<String, Tensor> params) {
        Architectures.requireShapes("VGG", parameterShapes(c), params);
        Map<String, Layer> layers = new LinkedHashMap<>();
        for (int b = 0; b < c.blocks().size(); b++) {
            for (int i = 0; i < c.blocks().get(b).size(); i++) {
                String name = "conv" + (b + 1) + "_" + (i + 1);
                layers.put(name, new Convolution(params.get(name + "_W"), params.get(name + "_b"), 1, 1));
                layers.put(name + " relu", new Relu());
            }
            layers.put("pool" + (b + 1), new Pooling(Pooling.Type.MAX, 2, 2, 0));
        }
        layers.put("fc6", new Affine(params.get("fc6_W"), params.get("fc6_b")));
        layers.put("fc6 relu", new Relu());
        layers.put("fc7", new Affine(params.get("fc7_W"), params.get("fc7_b")));
        layers.put("fc7 relu", new Relu());
        layers.put("fc8", new Affine(params.get("fc8_W"), params.get("fc8_b")));
        return new Sequential(layers, 0.0);
    }

    /**
     * The course's compact VGG (vgg-small) on 1x28x28, as a blueprint: three blocks of two 3x3
     * convolutions (16, 32, 64) and a 2x2 pooling, fc1 (256) and the output (10). Its dropout is
     * left out: the comparison runs it in training mode, where dropout is random.
     */
    public static Blueprint small() {
        Blueprint b = new Blueprint("input");
        String x = "input";
        int in = 1;
        int[] widths = {16, 32, 64};
        for (int block = 0; block < widths.length; block++) {
            for (int i = 1; i <= 2; i++) {
                String name = "conv" + (block + 1) + "_" + i;
                x = b.relu(name + "_relu", b.conv(name, x, in, widths[block], 3, 1, 1, SizeRule.SAME, true));
                in = widths[block];
            }
            x = b.pool("pool" + (block + 1), x, Pooling.Type.MAX, 2, 2, 0, SizeRule.SAME); // 28 -> 14 -> 7 -> 4
        }
        x = b.relu("fc1_relu", b.affine("fc1", x, 64 * 4 * 4, 256));
        b.affine("output", x, 256, 10);
        return b;
    }

    private Vgg() {
    }
}
