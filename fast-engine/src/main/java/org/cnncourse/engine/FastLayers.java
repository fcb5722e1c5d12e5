package org.cnncourse.engine;

import org.cnncourse.scratch.Layer;
import org.cnncourse.scratch.LayerKit;
import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.SizeRule;
import org.cnncourse.scratch.Tensor;

/**
 * The engine's layers as a {@link LayerKit}: pass {@link #KIT} where a network is built (for
 * example {@code new SimpleConvNet(config, seed, FastLayers.KIT)}) to train it at full speed.
 */
public final class FastLayers implements LayerKit {
    public static final LayerKit KIT = new FastLayers();

    private FastLayers() {
    }

    @Override
    public Layer convolution(Tensor W, Tensor b, int strideH, int strideW, int padH, int padW, SizeRule rule) {
        return new FastConvolution(W, b, strideH, strideW, padH, padW, rule);
    }

    @Override
    public Layer pooling(Pooling.Type type, int poolH, int poolW, int strideH, int strideW, int padH, int padW,
                         SizeRule rule, boolean includePadInDivisor) {
        return new FastPooling(type, poolH, poolW, strideH, strideW, padH, padW, rule, includePadInDivisor);
    }

    @Override
    public Layer relu() {
        return new FastRelu();
    }

    @Override
    public Layer affine(Tensor W, Tensor b) {
        return new FastAffine(W, b);
    }
}
