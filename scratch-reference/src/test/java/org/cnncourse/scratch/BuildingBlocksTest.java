package org.cnncourse.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** Numerical gradient checks for the blocks of AlexNet, GoogLeNet and ResNet. */
class BuildingBlocksTest {
    static void check(String what, Layer layer, Tensor x, Random r) {
        Tensor dout = Tensor.uniform(r, layer.forward(x).shape());
        Tensor dx = layer.backward(dout);
        DoubleSupplier loss = () -> layer.forward(x).dot(dout);
        Reference.assertClose(what + " dx", NumericalGradient.of(loss, x, 1e-5), dx, 1e-7);
        layer.forward(x);
        layer.backward(dout);
        for (var e : layer.params().entrySet()) {
            Tensor analytic = layer.grads().get(e.getKey()).copy();
            Reference.assertClose(what + " d" + e.getKey(), NumericalGradient.of(loss, e.getValue(), 1e-5), analytic, 1e-7);
        }
    }

    @Test
    void localResponseNormalization() {
        Random r = new Random(1);
        check("LRN", new LocalResponseNormalization(2, 5, 0.1, 0.75), Tensor.uniform(r, 2, 7, 3, 2), r);
    }

    @Test
    void batchNormalizationInTrainingAndInference() {
        Random r = new Random(2);
        BatchNormalization bn = new BatchNormalization(3, 0.9, 1e-5);
        for (int c = 0; c < 3; c++) {
            bn.params().get("gamma").data()[c] = 0.5 + c;
            bn.params().get("beta").data()[c] = c - 1;
        }
        check("BN train 4-D", bn, Tensor.uniform(r, 4, 3, 2, 3), r);
        bn.setTraining(false);
        check("BN inference", bn, Tensor.uniform(r, 4, 3, 2, 3), r);
        BatchNormalization dense = new BatchNormalization(5, 0.9, 1e-5);
        check("BN train 2-D", dense, Tensor.uniform(r, 6, 5), r);
    }

    @Test
    void batchNormalizationNormalisesAndTracksRunningStatistics() {
        Random r = new Random(3);
        BatchNormalization bn = new BatchNormalization(2, 0.9, 1e-5);
        Tensor x = Tensor.uniform(r, 8, 2, 3, 3);
        Tensor y = bn.forward(x);
        double mean = 0, sq = 0;
        for (int n = 0; n < 8; n++) {
            for (int p = 0; p < 9; p++) {
                double v = y.data()[(n * 2) * 9 + p];
                mean += v;
                sq += v * v;
            }
        }
        assertEquals(0, mean / 72, 1e-12);
        assertEquals(1, sq / 72, 1e-3);
        assertTrue(bn.runningMean()[0] != 0 && bn.runningVar()[0] != 1);
    }

    @Test
    void dropoutScalesKeptValuesAndIsTheIdentityAtInference() {
        Dropout d = new Dropout(0.5, new Random(4));
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        d.useMask(Tensor.of(new double[] {1, 0, 0, 1}, 2, 2));
        assertArrayEquals(new double[] {2, 0, 0, 8}, d.forward(x).data(), 0.0);
        assertArrayEquals(new double[] {2, 0, 0, 2}, d.backward(Tensor.of(new double[] {1, 1, 1, 1}, 2, 2)).data(), 0.0);
        d.setTraining(false);
        assertArrayEquals(x.data(), d.forward(x).data(), 0.0);
    }

    @Test
    void concatAndAddInAGraphBackpropagateCorrectly() {
        Random r = new Random(5);
        // A tiny inception-like module feeding a residual add.
        Graph g = new Graph("in")
                .layer("a", new Convolution(Tensor.uniform(r, 2, 3, 1, 1), Tensor.uniform(r, 2), 1, 0), "in")
                .layer("b", new Convolution(Tensor.uniform(r, 1, 3, 3, 3), Tensor.uniform(r, 1), 1, 1), "in")
                .merge("cat", new Merge.Concat(), "a", "b")
                .layer("relu", new Tanh(), "cat")
                .merge("add", new Merge.Add(), "relu", "in");
        Tensor x = Tensor.uniform(r, 2, 3, 4, 4);
        Tensor out = g.forward(x);
        assertArrayEquals(new int[] {2, 3, 4, 4}, out.shape());
        Tensor dout = Tensor.uniform(r, out.shape());
        Tensor dx = g.backward(dout);
        DoubleSupplier loss = () -> g.forward(x).dot(dout);
        Reference.assertClose("graph dx", NumericalGradient.of(loss, x, 1e-5), dx, 1e-7);
        g.forward(x);
        g.backward(dout);
        var grads = g.grads();
        for (var e : g.params().entrySet()) {
            Tensor analytic = grads.get(e.getKey()).copy();
            Reference.assertClose(e.getKey(), NumericalGradient.of(loss, e.getValue(), 1e-5), analytic, 1e-7);
        }
        assertEquals(List.of("a_W", "a_b", "b_W", "b_b"), List.copyOf(g.params().keySet()));
    }

    @Test
    void mismatchedMergesAreNamed() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> new Merge.Concat().forward(List.of(Tensor.zeros(1, 2, 4, 4), Tensor.zeros(1, 2, 3, 4))));
        assertTrue(e.getMessage().contains("input 1 has shape [1, 2, 3, 4]"), e.getMessage());
        assertThrows(ShapeException.class, () -> new Merge.Add().forward(List.of(Tensor.zeros(2, 2), Tensor.zeros(2, 3))));
        assertThrows(IllegalArgumentException.class, () -> new Graph("in").layer("x", new Tanh(), "missing"));
    }
}
