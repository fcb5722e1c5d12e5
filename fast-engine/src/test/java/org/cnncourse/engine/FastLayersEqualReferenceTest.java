package org.cnncourse.engine;

import static org.cnncourse.engine.TwinAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.cnncourse.scratch.Affine;
import org.cnncourse.scratch.Convolution;
import org.cnncourse.scratch.Layer;
import org.cnncourse.scratch.LayerKit;
import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.Relu;
import org.cnncourse.scratch.ShapeException;
import org.cnncourse.scratch.SimpleConvNet;
import org.cnncourse.scratch.SizeRule;
import org.cnncourse.scratch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every fast layer against its readable twin in scratch-reference, forward and backward. */
class FastLayersEqualReferenceTest {
    private static final double TOLERANCE = 1e-12;

    /** Runs both layers forward on x and backward on one upstream gradient, and compares everything. */
    private static int compare(String what, Layer reference, Layer fast, Tensor x, Random random) {
        Tensor expected = reference.forward(x);
        assertClose(what + " forward", expected, fast.forward(x), TOLERANCE);
        Tensor dout = Tensor.uniform(random, expected.shape());
        assertClose(what + " dx", reference.backward(dout), fast.backward(dout), TOLERANCE);
        for (Map.Entry<String, Tensor> grad : reference.grads().entrySet()) {
            assertClose(what + " d" + grad.getKey(), grad.getValue(), fast.grads().get(grad.getKey()), TOLERANCE);
        }
        return 1;
    }

    /** The sweep: batch, channels, image sides, filter count and sides, for one stride and padding. */
    @ParameterizedTest(name = "stride {0} pad {1}")
    @CsvSource({"1,0", "1,1", "1,2", "2,0", "2,1", "2,2", "3,0", "3,1"})
    void convolutionEqualsTheReferenceOverTheShapeSweep(int stride, int pad) {
        Random random = new Random(stride * 10L + pad);
        int compared = 0;
        for (int[] image : new int[][] {{1, 1, 5, 5}, {2, 3, 7, 6}, {3, 2, 9, 8}}) {
            for (int[] filter : new int[][] {{1, 1, 1}, {2, 3, 3}, {4, 3, 2}, {3, 5, 5}}) {
                Tensor W = Tensor.uniform(random, filter[0], image[1], filter[1], filter[2]);
                Tensor b = Tensor.uniform(random, filter[0]);
                Convolution reference = new Convolution(W, b, stride, stride, pad, pad, SizeRule.TRUNCATE);
                if (!fits(() -> reference.geometry(image))) {
                    continue;
                }
                FastConvolution fast = new FastConvolution(W, b, stride, stride, pad, pad, SizeRule.TRUNCATE);
                compared += compare("convolution " + java.util.Arrays.toString(image) + " W" + java.util.Arrays.toString(W.shape()),
                        reference, fast, Tensor.uniform(random, image), random);
                // the first layer's shortcut gives the same parameter gradients
                Tensor dout = Tensor.uniform(random, fast.forward(Tensor.uniform(random, image)).shape());
                fast.backward(dout);
                Tensor dW = fast.dW(), db = fast.db();
                fast.backwardWithoutInputGradient(dout);
                assertClose("dW without dx", dW, fast.dW(), 0);
                assertClose("db without dx", db, fast.db(), 0);
            }
        }
        assertTrue(compared >= 6, "only " + compared + " geometries fitted");
    }

    /** Large enough to share the images among the cores and take the register-tile kernel for dW. */
    @Test
    void convolutionEqualsTheReferenceOnALectureSizedBatch() {
        Random random = new Random(28);
        Tensor W = Tensor.uniform(random, 30, 1, 5, 5), b = Tensor.uniform(random, 30);
        compare("SimpleConvNet's conv1", new Convolution(W, b, 1, 0), new FastConvolution(W, b, 1, 0),
                Tensor.uniform(random, 8, 1, 28, 28), random);
    }

    @ParameterizedTest(name = "{0} pool {1} stride {2} pad {3} padInDivisor {4}")
    @CsvSource({"MAX,2,2,0,false", "MAX,3,1,0,false", "MAX,3,2,1,false", "MAX,1,1,0,false", "MAX,2,1,1,false",
            "AVG,2,2,0,false", "AVG,3,1,1,false", "AVG,3,1,1,true", "AVG,3,3,0,false", "AVG,2,2,1,true"})
    void poolingEqualsTheReference(Pooling.Type type, int pool, int stride, int pad, boolean padInDivisor) {
        Random random = new Random(pool * 100L + stride * 10 + pad);
        Tensor x = Tensor.uniform(random, 3, 4, 9, 8);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = Math.max(0, x.data()[i]); // ReLU output: many ties at 0
        }
        compare(type + " pooling", new Pooling(type, pool, pool, stride, stride, pad, pad, SizeRule.TRUNCATE, padInDivisor),
                new FastPooling(type, pool, pool, stride, stride, pad, pad, SizeRule.TRUNCATE, padInDivisor), x, random);
    }

    @Test
    void reluEqualsTheReference() {
        Random random = new Random(5);
        Tensor x = Tensor.uniform(random, 4, 3, 17, 11);
        x.data()[0] = 0.0;
        x.data()[1] = -0.0;
        compare("relu", new Relu(), new FastRelu(), x, random);
    }

    @Test
    void affineEqualsTheReferenceOnAnImageInput() {
        Random random = new Random(6);
        Tensor W = Tensor.uniform(random, 3 * 4 * 5, 7), b = Tensor.uniform(random, 7);
        compare("affine", new Affine(W, b), new FastAffine(W, b), Tensor.uniform(random, 6, 3, 4, 5), random);
    }

    @Test
    void simpleConvNetGradientIsTheSameWithEitherKit() {
        SimpleConvNet.Config config = SimpleConvNet.Config.lecture();
        Random random = new Random(9);
        Tensor x = Tensor.uniform(random, 6, 1, 28, 28);
        int[] labels = {0, 1, 2, 3, 4, 5};
        SimpleConvNet reference = new SimpleConvNet(config, 3, LayerKit.REFERENCE);
        SimpleConvNet fast = new SimpleConvNet(config, reference.params(), 1e-7, FastLayers.KIT);
        Map<String, Tensor> expected = reference.gradient(x, labels), actual = fast.gradient(x, labels);
        for (String name : expected.keySet()) {
            assertClose(name, expected.get(name), actual.get(name), 1e-11);
        }
    }

    private static boolean fits(Runnable geometry) {
        try {
            geometry.run();
            return true;
        } catch (ShapeException tooSmall) {
            return false;
        }
    }

}
