package org.cnncourse.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolingTest {
    @ParameterizedTest(name = "{0} pool {1} stride {2} pad {3}")
    @CsvSource({"MAX,2,2,0", "MAX,3,1,0", "MAX,3,2,1", "AVG,2,2,0", "AVG,3,1,1", "AVG,3,3,0"})
    void backpropagationEqualsNumericalGradient(Pooling.Type type, int pool, int stride, int pad) {
        Random r = new Random(pool * 10 + stride);
        Tensor x = Tensor.uniform(r, 2, 3, 7, 6);
        Pooling layer = new Pooling(type, pool, pool, stride, stride, pad, pad, SizeRule.TRUNCATE, false);
        Tensor dout = Tensor.uniform(r, layer.forward(x).shape());
        Tensor dx = layer.backward(dout);
        DoubleSupplier loss = () -> layer.forward(x).dot(dout);
        Reference.assertClose("dx", NumericalGradient.of(loss, x, 1e-6), dx, 1e-7);
    }

    @Test
    void channelsAreKept() {
        Tensor y = new Pooling(Pooling.Type.AVG, 2, 2, 0).forward(Tensor.zeros(5, 7, 8, 4));
        assertArrayEquals(new int[] {5, 7, 4, 2}, y.shape());
    }

    @Test
    void averageWithPaddingCountsOnlyRealCellsUnlessAsked() {
        Tensor x = Tensor.of(new double[] {4, 4, 4, 4}, 1, 1, 2, 2);
        Tensor excluded = new Pooling(Pooling.Type.AVG, 2, 2, 2, 2, 1, 1, SizeRule.TRUNCATE, false).forward(x);
        Tensor included = new Pooling(Pooling.Type.AVG, 2, 2, 2, 2, 1, 1, SizeRule.TRUNCATE, true).forward(x);
        assertArrayEquals(new double[] {4, 4, 4, 4}, excluded.data(), 0.0);
        assertArrayEquals(new double[] {1, 1, 1, 1}, included.data(), 0.0);
    }

    @Test
    void indivisibleWindowNamesTheFormula() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> new Pooling(Pooling.Type.MAX, 2, 2, 0).forward(Tensor.zeros(1, 1, 5, 5)));
        assertTrue(e.getMessage().contains("(5 + 2*0 - 2)/2 + 1"), e.getMessage());
    }

    /** Max pooling against plain loops over each window, ties included (ReLU zeros). */
    @ParameterizedTest(name = "pool {0} stride {1}")
    @CsvSource({"2,2", "3,1", "3,2"})
    void maxPoolingPicksTheFirstLargestCellLikePlainLoops(int pool, int stride) {
        java.util.Random r = new java.util.Random(pool * 10L + stride);
        Tensor x = Tensor.uniform(r, 3, 4, 9, 9);
        double[] v = x.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, v[i] - 0.5) + (i % 7 == 0 ? 1.0 : 0.0) * (i % 3); // many ties
        }
        Pooling p = new Pooling(Pooling.Type.MAX, pool, pool, stride, stride, 0, 0, SizeRule.TRUNCATE, false);
        Tensor out = p.forward(x);
        Tensor d = Tensor.uniform(r, out.shape());
        double[] dx = p.backward(d).data();
        int oh = out.dim(2), ow = out.dim(3);
        double[] expectedDx = new double[v.length];
        for (int plane = 0; plane < 12; plane++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int bestAt = -1;
                    for (int ky = 0; ky < pool; ky++) {
                        for (int kx = 0; kx < pool; kx++) {
                            int at = plane * 81 + (oy * stride + ky) * 9 + ox * stride + kx;
                            if (bestAt < 0 || v[at] > v[bestAt]) {
                                bestAt = at;
                            }
                        }
                    }
                    int o = (plane * oh + oy) * ow + ox;
                    assertEquals(v[bestAt], out.data()[o], "output " + o);
                    expectedDx[bestAt] += d.data()[o];
                }
            }
        }
        assertArrayEquals(expectedDx, dx, 1e-15);
    }
}
