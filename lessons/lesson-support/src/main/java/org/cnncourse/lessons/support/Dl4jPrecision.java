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

    /**
     * ND4J's default data types become double for the rest of the lesson: every lesson runs inside
     * {@link #restoringDefaults}, which puts the previous defaults back when it ends.
     */
    public static void useDouble() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /**
     * Runs {@code body} with ND4J's default data types float32 (what the pipelines then build
     * batches in, for a float32 training), and puts the previous defaults back.
     */
    public static <T> T inFloat(java.util.function.Supplier<T> body) {
        return withDefaults(DataType.FLOAT, body);
    }

    /**
     * Runs {@code body} with ND4J's default data types double (what ND4J's own ops then create
     * their outputs in, as im2col does), and puts the previous defaults back.
     */
    public static <T> T inDouble(java.util.function.Supplier<T> body) {
        return withDefaults(DataType.DOUBLE, body);
    }

    private static <T> T withDefaults(DataType type, java.util.function.Supplier<T> body) {
        return restoring(() -> {
            Nd4j.setDefaultDataTypes(type, type);
            return body.get();
        });
    }

    /**
     * Runs {@code body} and then restores ND4J's default data types as they were before it, so a
     * lesson starts from the same defaults whichever lessons ran before it in the same JVM.
     */
    public static void restoringDefaults(Runnable body) {
        restoring(() -> {
            body.run();
            return null;
        });
    }

    private static <T> T restoring(java.util.function.Supplier<T> body) {
        DataType data = Nd4j.dataType(), floating = Nd4j.defaultFloatingPointType();
        try {
            return body.get();
        } finally {
            Nd4j.setDefaultDataTypes(data, floating);
        }
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
