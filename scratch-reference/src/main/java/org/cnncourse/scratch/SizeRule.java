package org.cnncourse.scratch;

/**
 * What to do when the output-size formula OH = (H + 2P - FH)/S + 1 is not a whole number.
 * The names follow DL4J's ConvolutionMode so the two can be compared side by side.
 */
public enum SizeRule {
    /** The book's formula must divide exactly, otherwise a {@link ShapeException}. */
    STRICT,
    /** Round down: the last rows/columns that a full window cannot reach are dropped. */
    TRUNCATE,
    /**
     * OH = ceil(H / S); the given padding is ignored and just enough zero padding is added,
     * the odd cell going to the bottom/right.
     */
    SAME
}
