package org.cnncourse.scratch;

/** A tensor of the wrong shape for a layer: the message names the formula and the values. */
public class ShapeException extends IllegalArgumentException {
    public ShapeException(String message) {
        super(message);
    }
}
