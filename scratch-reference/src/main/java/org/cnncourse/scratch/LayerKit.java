package org.cnncourse.scratch;

/**
 * Makes the layers a network is built from. {@link #REFERENCE} gives this module's layers, the
 * ones a learner reads; a faster kit with the same arithmetic (tested equal) can be passed
 * instead, so that a network such as {@link SimpleConvNet} is written once.
 */
public interface LayerKit {
    Layer convolution(Tensor W, Tensor b, int strideH, int strideW, int padH, int padW, SizeRule rule);

    Layer pooling(Pooling.Type type, int poolH, int poolW, int strideH, int strideW, int padH, int padW,
                  SizeRule rule, boolean includePadInDivisor);

    Layer relu();

    Layer affine(Tensor W, Tensor b);

    /** The readable layers of this module. */
    LayerKit REFERENCE = new LayerKit() {
        @Override
        public Layer convolution(Tensor W, Tensor b, int strideH, int strideW, int padH, int padW, SizeRule rule) {
            return new Convolution(W, b, strideH, strideW, padH, padW, rule);
        }

        @Override
        public Layer pooling(Pooling.Type type, int poolH, int poolW, int strideH, int strideW, int padH, int padW,
                             SizeRule rule, boolean includePadInDivisor) {
            return new Pooling(type, poolH, poolW, strideH, strideW, padH, padW, rule, includePadInDivisor);
        }

        @Override
        public Layer relu() {
            return new Relu();
        }

        @Override
        public Layer affine(Tensor W, Tensor b) {
            return new Affine(W, b);
        }
    };
}
