package org.cnncourse.lessons.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cnncourse.scratch.Convolution;
import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Runs a case through the by-hand layer and the DL4J layer with the same input and parameters
 * and compares the forward output, dL/dx and every parameter gradient.
 */
public final class LayerComparison {
    private LayerComparison() {
    }

    public record Result(LayerPass byHand, LayerPass dl4j, ComparisonReport report) {
    }

    /** The case's seeded random input, parameters and upstream gradient. */
    public static Result convolution(ConvCase cc) {
        ConvCase.Data d = cc.data();
        return convolution(cc, d.x(), d.weights(), d.bias(), d.dout());
    }

    /** Given input and parameters (e.g. the lecture's example), with an upstream gradient of ones. */
    public static Result convolutionWith(ConvCase cc, Tensor x, Tensor weights, Tensor bias) {
        int[] outShape = cc.byHand(weights, bias).geometry(x.shape()).outputShape(weights.dim(0));
        Tensor ones = Tensor.zeros(outShape);
        java.util.Arrays.fill(ones.data(), 1.0);
        return convolution(cc, x, weights, bias, ones);
    }

    public static Result convolution(ConvCase cc, Tensor x, Tensor weights, Tensor bias, Tensor dout) {
        Convolution conv = cc.byHand(weights, bias);
        Tensor out = conv.forward(x);
        Tensor dx = conv.backward(dout);
        LayerPass byHand = new LayerPass(out, dx, conv.grads());

        MultiLayerNetwork net = Dl4jLayers.convolution(cc, weights, bias);
        LayerPass dl4j = Dl4jLayers.forwardBackward(net.getLayer(0), x, dout);
        Map<String, Tensor> dl4jGrads = new LinkedHashMap<>();
        dl4jGrads.put("W", dl4j.paramGradients().get("W").reshape(weights.shape()));
        dl4jGrads.put("b", dl4j.paramGradients().get("b").reshape(bias.shape()));
        dl4j = new LayerPass(dl4j.output(), dl4j.inputGradient(), dl4jGrads);

        double tol = Dl4jPrecision.DOUBLE_TOLERANCE;
        ComparisonReport report = new ComparisonReport(cc.name())
                .add(Comparison.of("output", byHand.output(), dl4j.output(), tol))
                .add(Comparison.of("dL/dx", byHand.inputGradient(), dl4j.inputGradient(), tol))
                .add(Comparison.of("dL/dW", byHand.paramGradients().get("W"), dl4jGrads.get("W"), tol))
                .add(Comparison.of("dL/db", byHand.paramGradients().get("b"), dl4jGrads.get("b"), tol));
        return new Result(byHand, dl4j, report);
    }

    public static Result pooling(PoolCase pc) {
        PoolCase.Data d = pc.data();
        return pooling(pc, d.x(), d.dout());
    }

    public static Result pooling(PoolCase pc, Tensor x, Tensor dout) {
        Pooling pool = pc.byHand();
        Tensor out = pool.forward(x);
        LayerPass byHand = new LayerPass(out, pool.backward(dout), Map.of());
        LayerPass dl4j = Dl4jLayers.forwardBackward(Dl4jLayers.pooling(pc).getLayer(0), x, dout);
        double tol = Dl4jPrecision.DOUBLE_TOLERANCE;
        ComparisonReport report = new ComparisonReport(pc.name())
                .add(Comparison.of("output", byHand.output(), dl4j.output(), tol))
                .add(Comparison.of("dL/dx", byHand.inputGradient(), dl4j.inputGradient(), tol));
        return new Result(byHand, dl4j, report);
    }
}
