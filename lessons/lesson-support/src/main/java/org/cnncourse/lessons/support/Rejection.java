package org.cnncourse.lessons.support;

import org.cnncourse.scratch.Convolution;
import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A bad input fed to both implementations: what each one threw (null when it did not throw).
 */
public record Rejection(RuntimeException byHand, RuntimeException dl4j) {

    public boolean bothRejected() {
        return byHand != null && dl4j != null;
    }

    /** A convolution case's layers given an input of the wrong shape; the case supplies the parameters. */
    public static Rejection convolution(ConvCase cc, Tensor badInput) {
        Tensor weights = Tensor.zeros(cc.filters(), cc.c(), cc.fh(), cc.fw());
        Tensor bias = Tensor.zeros(cc.filters());
        RuntimeException byHand = null, dl4j = null;
        try {
            Convolution conv = cc.byHand(weights, bias);
            conv.forward(badInput);
        } catch (RuntimeException e) {
            byHand = e;
        }
        try {
            MultiLayerNetwork net = Dl4jLayers.convolution(cc, weights, bias);
            net.output(Tensors.toNd(badInput));
        } catch (RuntimeException e) {
            dl4j = e;
        }
        return new Rejection(byHand, dl4j);
    }

    /** DL4J is given the input's shape as its InputType, where it validates pooling geometry. */
    public static Rejection pooling(PoolCase pc, Tensor badInput) {
        RuntimeException byHand = null, dl4j = null;
        try {
            Pooling pool = pc.byHand();
            pool.forward(badInput);
        } catch (RuntimeException e) {
            byHand = e;
        }
        try {
            Dl4jLayers.pooling(pc, badInput.shape()).output(Tensors.toNd(badInput));
        } catch (RuntimeException e) {
            dl4j = e;
        }
        return new Rejection(byHand, dl4j);
    }

    /** First line of each message, for printing. */
    public String describe() {
        return "by hand: " + firstLine(byHand) + "\n    DL4J:    " + firstLine(dl4j);
    }

    private static String firstLine(RuntimeException e) {
        if (e == null) {
            return "(accepted the input)";
        }
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }
}
