package org.cnncourse.lessons.support;

import java.util.Random;
import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.conf.ConvolutionMode;

/** One pooling set-up for both implementations, with a seed for the random input. */
public record PoolCase(int n, int c, int h, int w, Pooling.Type type, int kh, int kw,
                       int strideH, int strideW, int padH, int padW, ConvolutionMode mode, long seed) {

    public static PoolCase of(int n, int c, int h, int w, Pooling.Type type, int k, int stride, int pad, long seed) {
        return new PoolCase(n, c, h, w, type, k, k, stride, stride, pad, pad, ConvolutionMode.Truncate, seed);
    }

    public Pooling byHand() {
        return new Pooling(type, kh, kw, strideH, strideW, padH, padW, SizeRules.of(mode), false);
    }

    public Data data() {
        Random r = new Random(seed);
        Tensor x = Tensor.uniform(r, n, c, h, w);
        Tensor dout = Tensor.uniform(r, byHand().geometry(x.shape()).outputShape(c));
        return new Data(x, dout);
    }

    public String name() {
        return String.format("%s N=%d C=%d %dx%d window %dx%d stride=(%d,%d) pad=(%d,%d) %s seed=%d",
                type, n, c, h, w, kh, kw, strideH, strideW, padH, padW, mode, seed);
    }

    @Override
    public String toString() {
        return name();
    }

    public record Data(Tensor x, Tensor dout) {
    }
}
