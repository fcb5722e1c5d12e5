package org.cnncourse.lessons.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.Relu;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;

/**
 * NaN, infinities and signed zeros, by hand and in DL4J M2.1. Where they agree the test holds
 * them equal; where DL4J's max pooling departs (it skips a NaN, and a window of -infinity gives
 * -Double.MAX_VALUE), the test pins both answers, so a change on either side shows.
 */
class NonFiniteValuesTest {
    private static final double NAN = Double.NaN, INF = Double.POSITIVE_INFINITY;

    /** One 2x2 max-pooling window (pad 0) or a 4x4 window around it (pad 1), by hand and in DL4J. */
    private static LayerPass[] maxPool(int pad, double... window) {
        Tensor x = Tensor.of(window.clone(), 1, 1, 2, 2);
        PoolCase pc = PoolCase.input(1, 1, 2, 2).window(Pooling.Type.MAX, 2 + 2 * pad).stride(2).pad(pad).build();
        Pooling byHand = pc.byHand();
        Tensor out = byHand.forward(x);
        Tensor ones = Tensor.of(new double[] {1}, out.shape());
        LayerPass hand = new LayerPass(out, byHand.backward(ones), java.util.Map.of());
        LayerPass dl4j = Dl4jLayers.forwardBackward(Dl4jLayers.pooling(pc, x.shape()).getLayer(0), x, ones);
        return new LayerPass[] {hand, dl4j};
    }

    private static double out(LayerPass pass) {
        return pass.output().data()[0];
    }

    @ParameterizedTest(name = "pad {0}")
    @ValueSource(ints = {0, 1})
    void tiesKeepTheFirstCellOnBothSides(int pad) {
        LayerPass[] zeros = maxPool(pad, -0.0, 0.0, -1, -2);
        for (LayerPass side : zeros) {
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(out(side)), "-0.0 came first");
            assertEquals(1.0, side.inputGradient().data()[0]);
        }
        LayerPass[] infinities = maxPool(pad, 1, INF, INF, 2);
        for (LayerPass side : infinities) {
            assertEquals(INF, out(side));
            assertEquals(1.0, side.inputGradient().data()[1], "the first infinity wins");
        }
    }

    @ParameterizedTest(name = "pad {0}")
    @ValueSource(ints = {0, 1})
    void aNaNWinsByHandWhileDl4jSkipsIt(int pad) {
        for (int at = 0; at < 4; at++) {
            double[] window = {1, 3, 0, 2};
            window[at] = NAN;
            LayerPass[] sides = maxPool(pad, window);
            assertEquals(NAN, out(sides[0]), "by hand, NaN at cell " + at);
            assertEquals(1.0, sides[0].inputGradient().data()[at]);
            double largestOther = at == 1 ? 2 : 3;
            assertEquals(largestOther, out(sides[1]), "DL4J skips the NaN at cell " + at);
        }
    }

    @ParameterizedTest(name = "pad {0}")
    @ValueSource(ints = {0, 1})
    void aWindowOfMinusInfinityIsMinusInfinityByHandAndMinusMaxValueInDl4j(int pad) {
        LayerPass[] sides = maxPool(pad, -INF, -INF, -INF, -INF);
        assertEquals(-INF, out(sides[0]));
        assertEquals(-Double.MAX_VALUE, out(sides[1]));
        for (LayerPass side : sides) {
            assertEquals(1.0, side.inputGradient().data()[0], "the first cell gets the gradient");
        }
    }

    @org.junit.jupiter.api.Test
    void reluBackwardGivesZeroForAnInfiniteGradientAtAnInactiveUnitOnBothSides() {
        Tensor x = Tensor.of(new double[] {-1, 0, 2, INF}, 1, 4);
        Tensor dout = Tensor.of(new double[] {INF, -INF, INF, -INF}, 1, 4);
        Relu byHand = new Relu();
        Tensor handOut = byHand.forward(x), handDx = byHand.backward(dout);
        LayerPass dl4j = Dl4jLayers.forwardBackward(
                Dl4jLayers.single(new ActivationLayer.Builder().activation(Activation.RELU).build(), 4, 1, 1).getLayer(0),
                x.reshape(1, 4, 1, 1), dout.reshape(1, 4, 1, 1));
        assertArrayEquals(dl4j.output().data(), handOut.data(), 0, "ReLU forward");
        assertArrayEquals(dl4j.inputGradient().data(), handDx.data(), 0, "ReLU backward");
        assertEquals(0.0, handDx.data()[0]);
        assertEquals(INF, handDx.data()[2]);
    }
}
