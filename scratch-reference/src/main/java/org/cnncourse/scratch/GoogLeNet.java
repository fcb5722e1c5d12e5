package org.cnncourse.scratch;

import java.util.List;

/**
 * GoogLeNet (Szegedy et al., 2015; the lecture's L728-744) without its two auxiliary
 * classifiers: a stem of three convolutions, nine inception modules in three stages, average
 * pooling over the last 7x7 maps, and a 1,000-way classifier. Names follow the BVLC model:
 * conv1, conv2_reduce, conv2, inception_3a ... inception_5b, classifier.
 */
public final class GoogLeNet {
    /**
     * One inception module's widths: the 1x1 branch, the 1x1 reduction before the 3x3 and the
     * 3x3, the reduction before the 5x5 and the 5x5, and the 1x1 projection after the 3x3 pooling.
     */
    public record Inception(String name, int c1, int c3reduce, int c3, int c5reduce, int c5, int poolProj) {
        /** The four branches concatenated along channels. */
        public int outChannels() {
            return c1 + c3 + c5 + poolProj;
        }
    }

    /** The paper's Table 1; a null between stages marks a 3x3 stride-2 max pooling. */
    public static final List<Inception> MODULES = java.util.Arrays.asList(
            new Inception("3a", 64, 96, 128, 16, 32, 32), new Inception("3b", 128, 128, 192, 32, 96, 64), null,
            new Inception("4a", 192, 96, 208, 16, 48, 64), new Inception("4b", 160, 112, 224, 24, 64, 64),
            new Inception("4c", 128, 128, 256, 24, 64, 64), new Inception("4d", 112, 144, 288, 32, 64, 64),
            new Inception("4e", 256, 160, 320, 32, 128, 128), null,
            new Inception("5a", 256, 160, 320, 32, 128, 128), new Inception("5b", 384, 192, 384, 48, 128, 128));

    /**
     * One inception module read from {@code input} with {@code in} channels: four branches side by
     * side, each convolution followed by a ReLU, concatenated. Returns the concatenation's name.
     */
    public static String inception(Blueprint b, String name, String input, int in, Inception m) {
        String one = b.relu(name + "_1x1_relu", b.conv(name + "_1x1", input, in, m.c1(), 1, 1, 0, SizeRule.SAME, true));
        String reduce3 = b.relu(name + "_3x3_reduce_relu",
                b.conv(name + "_3x3_reduce", input, in, m.c3reduce(), 1, 1, 0, SizeRule.SAME, true));
        String three = b.relu(name + "_3x3_relu", b.conv(name + "_3x3", reduce3, m.c3reduce(), m.c3(), 3, 1, 1, SizeRule.SAME, true));
        String reduce5 = b.relu(name + "_5x5_reduce_relu",
                b.conv(name + "_5x5_reduce", input, in, m.c5reduce(), 1, 1, 0, SizeRule.SAME, true));
        String five = b.relu(name + "_5x5_relu", b.conv(name + "_5x5", reduce5, m.c5reduce(), m.c5(), 5, 1, 2, SizeRule.SAME, true));
        String pool = b.pool(name + "_pool", input, Pooling.Type.MAX, 3, 1, 1, SizeRule.SAME);
        String proj = b.relu(name + "_pool_proj_relu", b.conv(name + "_pool_proj", pool, in, m.poolProj(), 1, 1, 0, SizeRule.SAME, true));
        return b.concat(name, one, three, five, proj);
    }

    /** The whole network on a 3x224x224 input: 6,998,552 parameters, 22 layers deep. */
    public static Blueprint full() {
        Blueprint b = new Blueprint("input");
        String x = b.relu("conv1_relu", b.conv("conv1", "input", 3, 64, 7, 2, 3, SizeRule.SAME, true));
        x = b.lrn("norm1", b.pool("pool1", x, Pooling.Type.MAX, 3, 2, 1, SizeRule.SAME), 2, 5, 1e-4, 0.75);
        x = b.relu("conv2_reduce_relu", b.conv("conv2_reduce", x, 64, 64, 1, 1, 0, SizeRule.SAME, true));
        x = b.relu("conv2_relu", b.conv("conv2", x, 64, 192, 3, 1, 1, SizeRule.SAME, true));
        x = b.pool("pool2", b.lrn("norm2", x, 2, 5, 1e-4, 0.75), Pooling.Type.MAX, 3, 2, 1, SizeRule.SAME);
        int channels = 192, stage = 3;
        for (Inception m : MODULES) {
            if (m == null) {
                x = b.pool("pool" + stage++, x, Pooling.Type.MAX, 3, 2, 1, SizeRule.SAME);
                continue;
            }
            x = inception(b, "inception_" + m.name(), x, channels, m);
            channels = m.outChannels();
        }
        x = b.pool("avgpool", x, Pooling.Type.AVG, 7, 1, 0, SizeRule.TRUNCATE);
        b.affine("classifier", x, channels, 1000);
        return b;
    }

    /**
     * The course's compact GoogLeNet (inception-small) on 1x28x28: a 3x3 stride-2 stem, modules 3a
     * and 3b, a 3x3 stride-2 max pooling, modules 4a and 4b, global average pooling, 10 classes.
     */
    public static Blueprint small() {
        Blueprint b = new Blueprint("input");
        String x = b.relu("stem_relu", b.conv("stem", "input", 1, 32, 3, 2, 1, SizeRule.SAME, true));
        x = inception(b, "inception_3a", x, 32, new Inception("3a", 16, 16, 32, 8, 16, 16));
        x = inception(b, "inception_3b", x, 80, new Inception("3b", 32, 32, 48, 8, 24, 24));
        x = b.pool("pool2", x, Pooling.Type.MAX, 3, 2, 1, SizeRule.SAME);
        x = inception(b, "inception_4a", x, 128, new Inception("4a", 48, 32, 64, 8, 24, 24));
        x = inception(b, "inception_4b", x, 160, new Inception("4b", 64, 48, 96, 12, 32, 32));
        b.affine("classifier", b.globalAveragePool("avgpool", x), 224, 10);
        return b;
    }

    private GoogLeNet() {
    }
}
