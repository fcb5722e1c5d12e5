package org.cnncourse.lessons.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cnncourse.scratch.Convolution;
import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.Tensor;
import org.junit.jupiter.api.Test;

/** The harness itself: it passes equal layers and catches a layer that is off. */
class LayerComparisonTest {
    @Test
    void equalLayersPass() {
        LayerComparison.convolution(ConvCase.input(2, 3, 6, 5).filters(4).kernel(3).pad(1).seed(42).build()).report().assertPassed();
        LayerComparison.pooling(PoolCase.input(2, 3, 6, 6).window(Pooling.Type.MAX, 2).stride(2).seed(43).build()).report().assertPassed();
    }

    @Test
    void aDifferentBiasIsCaught() {
        ConvCase cc = ConvCase.input(1, 1, 5, 5).filters(2).kernel(3).seed(7).build();
        ConvCase.Data d = cc.data();
        Tensor shifted = d.bias().copy();
        shifted.data()[1] += 1e-6;
        Tensor byHand = new Convolution(d.weights(), shifted, 1, 0).forward(d.x());
        Tensor dl4j = Dl4jLayers.forwardBackward(
                Dl4jLayers.convolution(cc, d.weights(), d.bias()).getLayer(0), d.x(), d.dout()).output();
        Comparison c = Comparison.of("output", byHand, dl4j, Dl4jPrecision.DOUBLE_TOLERANCE);
        assertFalse(c.passed(), c.describe());
        assertTrue(c.firstMismatch()[1] == 1, c.describe());
    }
}
