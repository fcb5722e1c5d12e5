package org.cnncourse.scratch;

/**
 * ResNet (He et al., 2015; the lecture's L746-766): convolutions without bias, each followed by
 * batch normalisation, in residual blocks whose input is added to their output. The basic
 * block (ResNet-18/34) is two 3x3 convolutions; the bottleneck block (ResNet-50/101/152) is a
 * 1x1 reduction, a 3x3 and a 1x1 expansion to four times the width. Where the shape changes,
 * the shortcut is a 1x1 projection with batch normalisation. Names follow the course's DL4J
 * graphs: res2_1_a, res2_1_a_bn, ..., res2_1_add, res2_1 (the block's output ReLU).
 */
public final class ResNet {
    /** DL4J's batch normalisation defaults, so both sides normalise alike. */
    public static final double BN_DECAY = 0.9, BN_EPS = 1e-5;

    /** Convolution (no bias), batch normalisation, and a ReLU when asked; returns the last node. */
    public static String convBn(Blueprint b, String name, String input, int in, int out, int k, int stride, int pad, boolean relu) {
        return convBn(b, name, input, in, out, k, stride, pad, relu, SizeRule.TRUNCATE);
    }

    /** The same under a size rule (SAME for the course's compact network, as DL4J's ConvolutionMode.Same). */
    public static String convBn(Blueprint b, String name, String input, int in, int out, int k, int stride, int pad, boolean relu,
                                SizeRule rule) {
        String bn = b.batchNorm(name + "_bn", b.conv(name, input, in, out, k, stride, pad, rule, false),
                out, BN_DECAY, BN_EPS);
        return relu ? b.relu(name + "_relu", bn) : bn;
    }

    /** Basic block: 3x3 - BN - ReLU - 3x3 - BN, plus the input, then ReLU. */
    public static String basicBlock(Blueprint b, String name, String input, int channels) {
        return basicBlock(b, name, input, channels, channels, 1, SizeRule.TRUNCATE);
    }

    /**
     * Basic block from {@code in} to {@code width} channels: the first 3x3 has the stride, and the
     * shortcut is a 1x1 projection with batch normalisation where the stride or the channels change.
     */
    public static String basicBlock(Blueprint b, String name, String input, int in, int width, int stride, SizeRule rule) {
        String a = convBn(b, name + "_a", input, in, width, 3, stride, 1, true, rule);
        String main = convBn(b, name + "_b", a, width, width, 3, 1, 1, false, rule);
        String shortcut = stride != 1 || in != width
                ? convBn(b, name + "_shortcut", input, in, width, 1, stride, 0, false, rule) : input;
        return b.relu(name, b.add(name + "_add", main, shortcut));
    }

    /**
     * Bottleneck block: 1x1 to {@code width} - BN - ReLU - 3x3 with the stride - BN - ReLU - 1x1 to
     * 4 x width - BN, plus the input (projected when the stride or the channels change), then ReLU.
     */
    public static String bottleneckBlock(Blueprint b, String name, String input, int in, int width, int stride) {
        String a = convBn(b, name + "_a", input, in, width, 1, 1, 0, true);
        String mid = convBn(b, name + "_b", a, width, width, 3, stride, 1, true);
        String main = convBn(b, name + "_c", mid, width, 4 * width, 1, 1, 0, false);
        String shortcut = stride != 1 || in != 4 * width
                ? convBn(b, name + "_shortcut", input, in, 4 * width, 1, stride, 0, false) : input;
        return b.relu(name, b.add(name + "_add", main, shortcut));
    }

    /**
     * A bottleneck ResNet on 3x224x224: a 7x7 stride-2 stem and a max pooling, four stages of
     * blocks (widths 64, 128, 256, 512; the first block of stages 3-5 halves the side), global
     * average pooling and a 1,000-way classifier. {3, 4, 6, 3} is ResNet-50, {3, 8, 36, 3}
     * ResNet-152.
     */
    public static Blueprint bottleneck(int[] blocksPerStage) {
        Blueprint b = new Blueprint("input");
        String x = convBn(b, "conv1", "input", 3, 64, 7, 2, 3, true);
        x = b.pool("pool1", x, Pooling.Type.MAX, 3, 2, 1, SizeRule.TRUNCATE);
        int in = 64;
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int block = 0; block < blocksPerStage[stage]; block++) {
                int stride = block == 0 && stage > 0 ? 2 : 1;
                x = bottleneckBlock(b, "res" + (stage + 2) + "_" + (block + 1), x, in, widths[stage], stride);
                in = 4 * widths[stage];
            }
        }
        x = b.pool("avgpool", x, Pooling.Type.AVG, 7, 1, 0, SizeRule.TRUNCATE);
        b.affine("fc", x, in, 1000);
        return b;
    }

    /**
     * The course's compact ResNet (resnet-small) on 1x28x28: a 3x3 stride-2 stem, three stages of two
     * basic blocks (16, 32, 64 channels; the first block of stages 2 and 3 halves the side), global
     * average pooling and 10 classes; sizes as DL4J's ConvolutionMode.Same.
     */
    public static Blueprint small() {
        int stemStride = 2, blocksPerStage = 2;
        return compact(stemStride, blocksPerStage);
    }

    /**
     * ResNet-20, He et al.'s network for CIFAR-10 (6n+2 layers with weights, n = 3), on 1x28x28:
     * a stride-1 stem keeps the full side in the first stage, then three stages of three basic
     * blocks (16, 32, 64 channels), global average pooling and 10 classes.
     */
    public static Blueprint resNet20() {
        int stemStride = 1, blocksPerStage = 3;
        return compact(stemStride, blocksPerStage);
    }

    /** A 3x3 stem, three stages of basic blocks at 16, 32 and 64 channels, each stage after the first halving the side. */
    static Blueprint compact(int stemStride, int blocksPerStage) {
        Blueprint b = new Blueprint("input");
        String x = convBn(b, "stem", "input", 1, 16, 3, stemStride, 1, true, SizeRule.SAME);
        int in = 16;
        int[] widths = {16, 32, 64};
        for (int stage = 0; stage < widths.length; stage++) {
            for (int block = 0; block < blocksPerStage; block++) {
                int stride = block == 0 && stage > 0 ? 2 : 1;
                x = basicBlock(b, "res" + (stage + 1) + "_" + (block + 1), x, in, widths[stage], stride, SizeRule.SAME);
                in = widths[stage];
            }
        }
        b.affine("fc", b.globalAveragePool("avgpool", x), in, 10);
        return b;
    }

    public static Blueprint resNet50() {
        return bottleneck(new int[] {3, 4, 6, 3});
    }

    public static Blueprint resNet152() {
        return bottleneck(new int[] {3, 8, 36, 3});
    }

    private ResNet() {
    }
}
