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

    /**
     * A batch in float32 for a float32 network, whatever {@link #useDouble} left as the default
     * the pipelines create their arrays in. Returns the same DataSet, changed in place.
     */
    public static org.nd4j.linalg.dataset.DataSet asFloat(org.nd4j.linalg.dataset.DataSet ds) {
        ds.setFeatures(ds.getFeatures().castTo(DataType.FLOAT));
        ds.setLabels(ds.getLabels().castTo(DataType.FLOAT));
        return ds;
    }
}
