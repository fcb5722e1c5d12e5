package org.cnncourse.lessons.support;

import java.util.Random;
import org.cnncourse.scratch.ConvGeometry;
import org.cnncourse.scratch.Convolution;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.conf.ConvolutionMode;

/**
 * One convolution set-up to run through both implementations: input (N, C, H, W), FN filters
 * of FH x FW, stride, padding, the size rule, and a seed for the random input and parameters.
 */
public record ConvCase(int n, int c, int h, int w, int filters, int fh, int fw,
                       int strideH, int strideW, int padH, int padW, ConvolutionMode mode, long seed) {

    /**
     * A case built by name: {@code ConvCase.input(1, 1, 4, 4).kernel(3).build()}. Unless set: one
     * filter, stride 1, padding 0, Truncate (floor) output size, seed 0.
     */
    public static Builder input(int n, int c, int h, int w) {
        return new Builder(n, c, h, w);
    }

    /** The named steps of {@link #input}. */
    public static final class Builder extends CaseBuilder<Builder> {
        private int filters = 1, fh = 1, fw = 1;

        private Builder(int n, int c, int h, int w) {
            super(n, c, h, w);
        }

        public Builder filters(int count) {
            this.filters = count;
            return this;
        }

        public Builder kernel(int side) {
            return kernel(side, side);
        }

        public Builder kernel(int height, int width) {
            this.fh = height;
            this.fw = width;
            return this;
        }

        public ConvCase build() {
            return new ConvCase(n, c, h, w, filters, fh, fw, strideH, strideW, padH, padW, mode, seed);
        }
    }

    public ConvCase withMode(ConvolutionMode m) {
        return new ConvCase(n, c, h, w, filters, fh, fw, strideH, strideW, padH, padW, m, seed);
    }

    /** Random input, filters, bias and upstream gradient, reproducible from the seed. */
    public Data data() {
        Random r = new Random(seed);
        Tensor x = Tensor.uniform(r, n, c, h, w);
        Tensor weights = Tensor.uniform(r, filters, c, fh, fw);
        Tensor bias = Tensor.uniform(r, filters);
        ConvGeometry g = byHand(weights, bias).geometry(x.shape());
        Tensor dout = Tensor.uniform(r, g.outputShape(filters));
        return new Data(x, weights, bias, dout);
    }

    public Convolution byHand(Tensor weights, Tensor bias) {
        return new Convolution(weights, bias, strideH, strideW, padH, padW, SizeRules.of(mode));
    }

    /** The case's sizes (input, window, stride, padding, output) under its size rule. */
    public ConvGeometry geometry() {
        return ConvGeometry.of("Convolution", new int[] {n, c, h, w}, fh, fw, strideH, strideW, padH, padW, SizeRules.of(mode));
    }

    public String name() {
        return String.format("N=%d C=%d %dx%d FN=%d %dx%d stride=(%d,%d) pad=(%d,%d) %s seed=%d",
                n, c, h, w, filters, fh, fw, strideH, strideW, padH, padW, mode, seed);
    }

    @Override
    public String toString() {
        return name();
    }

    public record Data(Tensor x, Tensor weights, Tensor bias, Tensor dout) {
    }
}
