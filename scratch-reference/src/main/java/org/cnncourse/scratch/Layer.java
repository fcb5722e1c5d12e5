package org.cnncourse.scratch;

import java.util.Map;

/**
 * A layer of the book: {@code forward} caches what {@code backward} needs; {@code backward}
 * takes dL/d(output) and returns dL/d(input), leaving parameter gradients in {@link #grads()}.
 */
public interface Layer {
    Tensor forward(Tensor x);

    Tensor backward(Tensor dout);

    /**
     * Backward for a first layer, whose input is the image and whose input gradient nobody uses:
     * only the parameter gradients are needed. A faster layer may skip the input gradient.
     */
    default void backwardWithoutInputGradient(Tensor dout) {
        backward(dout);
    }

    /** Learnable parameters by name ("W", "b"), the live tensors (changing them changes the layer). */
    default Map<String, Tensor> params() {
        return Map.of();
    }

    /** Gradients of the last {@link #backward}, same names and shapes as {@link #params()}. */
    default Map<String, Tensor> grads() {
        return Map.of();
    }
}
