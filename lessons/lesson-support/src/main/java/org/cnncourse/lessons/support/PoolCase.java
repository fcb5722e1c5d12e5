package org.cnncourse.lessons.support;

import java.util.Random;
import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.conf.ConvolutionMode;

/** One pooling set-up for both implementations, with a seed for the random input. */
public record PoolCase(int n, int c, int h, int w, Pooling.Type type, int kh, int kw,
                       int strideH, int strideW, int padH, int padW, ConvolutionMode mode, long seed) {

    /**
     * A case built by name: {@code PoolCase.input(1, 1, 4, 4).window(Pooling.Type.MAX, 2).stride(2).build()}.
     * Unless set: stride 1, padding 0, Truncate (floor) output size, seed 0.
     */
    public static Builder input(int n, int c, int h, int w) {
        return new Builder(n, c, h, w);
    }

    /** The named steps of {@link #input}. */
    public static final class Builder extends CaseBuilder<Builder> {
        private Pooling.Type type = Pooling.Type.MAX;
        private int k = 2;

        private Builder(int n, int c, int h, int w) {
            super(n, c, h, w);
        }

        /** Max or average over a square window of this side. */
        public Builder window(Pooling.Type kind, int side) {
            this.type = kind;
            this.k = side;
            return this;
        }

        public PoolCase build() {
            return new PoolCase(n, c, h, w, type, k, k, strideH, strideW, padH, padW, mode, seed);
        }
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
