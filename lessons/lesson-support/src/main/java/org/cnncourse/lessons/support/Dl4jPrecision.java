package org.cnncourse.lessons.support;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Comparisons run DL4J in double precision, so differences mean bugs and not rounding. */
public final class Dl4jPrecision {
    /** Allowed max difference relative to the tensor's magnitude, double precision. */
    public static final double DOUBLE_TOLERANCE = 1e-9;
    /** The same for float32 runs. */
    public static final double FLOAT_TOLERANCE = 1e-4;

    private Dl4jPrecision() {
    }

    public static void useDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }
}
