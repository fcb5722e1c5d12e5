package org.cnncourse.lessons.support;

import org.deeplearning4j.nn.conf.ConvolutionMode;

/**
 * What a convolution case and a pooling case are both built from, by name: the input (N, C, H,
 * W), stride, padding, size rule and seed. Unless set: stride 1, padding 0, Truncate, seed 0.
 */
public abstract class CaseBuilder<B extends CaseBuilder<B>> {
    protected final int n, c, h, w;
    protected int strideH = 1, strideW = 1, padH, padW;
    protected ConvolutionMode mode = ConvolutionMode.Truncate;
    protected long seed;

    protected CaseBuilder(int n, int c, int h, int w) {
        this.n = n;
        this.c = c;
        this.h = h;
        this.w = w;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    public B stride(int both) {
        return stride(both, both);
    }

    public B stride(int alongH, int alongW) {
        this.strideH = alongH;
        this.strideW = alongW;
        return self();
    }

    public B pad(int both) {
        return pad(both, both);
    }

    public B pad(int alongH, int alongW) {
        this.padH = alongH;
        this.padW = alongW;
        return self();
    }

    public B mode(ConvolutionMode sizeRule) {
        this.mode = sizeRule;
        return self();
    }

    public B seed(long value) {
        this.seed = value;
        return self();
    }
}
