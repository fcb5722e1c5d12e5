package org.cnncourse.scratch;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** What the hand-written architectures share: counting, checking and drawing parameters by name. */
public final class Architectures {
    private Architectures() {
    }

    /** The number of values of all these shapes. */
    public static long count(Map<String, int[]> shapes) {
        long total = 0;
        for (int[] shape : shapes.values()) {
            total += Tensor.sizeOf(shape);
        }
        return total;
    }

    /**
     * Layers with weights in a chain of layers: one "_W" parameter each (AlexNet's 8, VGG-16's 16).
     * A graph's depth is its longest path instead: {@link Blueprint#depth}.
     */
    public static int chainDepth(Map<String, int[]> shapes) {
        return (int) shapes.keySet().stream().filter(name -> name.endsWith("_W")).count();
    }

    /** Every name of {@code shapes} is in {@code params} with that shape, or the error names the first that is not. */
    public static void requireShapes(String network, Map<String, int[]> shapes, Map<String, Tensor> params) {
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            Tensor t = params.get(e.getKey());
            if (t == null || !Arrays.equals(t.shape(), e.getValue())) {
                throw new ShapeException(network + ": parameter " + e.getKey() + " must have shape "
                        + Arrays.toString(e.getValue()) + " but is " + (t == null ? "missing" : Arrays.toString(t.shape())));
            }
        }
    }

    /** Weights from N(0, 1/fan-in) (a filter's C*FH*FW, a fully connected layer's D), biases 0. */
    public static Map<String, Tensor> randomParams(Map<String, int[]> shapes, long seed) {
        Random random = new Random(seed);
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            int[] shape = e.getValue();
            int fanIn = shape.length == 4 ? shape[1] * shape[2] * shape[3] : shape[0];
            params.put(e.getKey(), shape.length == 1 ? Tensor.zeros(shape) : Tensor.randn(random, Math.sqrt(1.0 / fanIn), shape));
        }
        return params;
    }
}
