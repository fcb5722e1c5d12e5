package org.cnncourse.engine;

import static org.cnncourse.engine.TwinAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cnncourse.scratch.Layer;
import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.Relu;
import org.cnncourse.scratch.SizeRule;
import org.cnncourse.scratch.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NaN, infinities and signed zeros: a NaN anywhere in a window shows in the output, ties keep
 * the first cell, and an infinite gradient does not turn into NaN. Reference and engine agree;
 * the comparison with DL4J lives in lesson-support.
 */
class NonFiniteValuesTest {
    private static final double NAN = Double.NaN, INF = Double.POSITIVE_INFINITY;

    private static Tensor window(double... values) {
        return Tensor.of(values.clone(), 1, 1, 2, 2);
    }

    /** 2x2 max pooling of one 2x2 window, without padding (the engine's branch-free path) or with it. */
    private static Layer[] maxPools(int pad) {
        int pool = 2 + 2 * pad;
        return new Layer[] {
            new Pooling(Pooling.Type.MAX, pool, pool, 2, 2, pad, pad, SizeRule.TRUNCATE, false),
            new FastPooling(Pooling.Type.MAX, pool, pool, 2, 2, pad, pad, SizeRule.TRUNCATE, false)};
    }

    /** Forward and backward of both twins; returns the reference's output and input gradient. */
    private static Tensor[] bothTwins(Layer[] twins, Tensor x) {
        Tensor out = twins[0].forward(x);
        assertClose("forward", out, twins[1].forward(x), 0);
        Tensor ones = Tensor.of(filled(out.size(), 1.0), out.shape());
        Tensor dx = twins[0].backward(ones);
        assertClose("dx", dx, twins[1].backward(ones), 0);
        return new Tensor[] {out, dx};
    }

    private static double[] filled(int n, double value) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, value);
        return d;
    }

    @ParameterizedTest(name = "pad {0}")
    @ValueSource(ints = {0, 1})
    void aNaNAnywhereInAWindowWinsIt(int pad) {
        for (int at = 0; at < 4; at++) {
            double[] values = {1, 3, 0, 2};
            values[at] = NAN;
            Tensor[] result = bothTwins(maxPools(pad), window(values));
            assertEquals(NAN, result[0].data()[0], "NaN at cell " + at);
            assertEquals(1.0, result[1].data()[at], "the gradient goes to the NaN at cell " + at);
        }
    }

    @ParameterizedTest(name = "pad {0}")
    @ValueSource(ints = {0, 1})
    void tiesKeepTheFirstCellForSignedZerosAndInfinities(int pad) {
        Tensor[] zeros = bothTwins(maxPools(pad), window(-0.0, 0.0, -1, -2));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(zeros[0].data()[0]), "-0.0 came first");
        assertEquals(1.0, zeros[1].data()[0]);
        Tensor[] infinities = bothTwins(maxPools(pad), window(1, INF, INF, 2));
        assertEquals(INF, infinities[0].data()[0]);
        assertEquals(1.0, infinities[1].data()[1], "the first infinity wins");
        Tensor[] allNegative = bothTwins(maxPools(pad), window(-INF, -INF, -INF, -INF));
        assertEquals(-INF, allNegative[0].data()[0]);
        assertEquals(1.0, allNegative[1].data()[0]);
    }

    @org.junit.jupiter.api.Test
    void reluPassesNoInfiniteGradientThroughAnInactiveUnit() {
        Layer[] twins = {new Relu(), new FastRelu()};
        Tensor x = Tensor.of(new double[] {-1, 0, -0.0, 2, NAN, INF}, 1, 6);
        Tensor dout = Tensor.of(new double[] {INF, -INF, NAN, INF, 5, -INF}, 1, 6);
        Tensor expectedOut = Tensor.of(new double[] {0, 0, 0, 2, NAN, INF}, 1, 6);
        // inactive units (x <= 0) pass 0 whatever arrives; NaN is not <= 0, so it passes like the lecture's mask
        Tensor expectedDx = Tensor.of(new double[] {0, 0, 0, INF, 5, -INF}, 1, 6);
        for (Layer relu : twins) {
            assertClose(relu.getClass().getSimpleName() + " forward", expectedOut, relu.forward(x), 0);
            assertClose(relu.getClass().getSimpleName() + " dx", expectedDx, relu.backward(dout), 0);
        }
    }
}
