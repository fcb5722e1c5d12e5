package org.cnncourse.models;

import java.util.function.Supplier;
import org.deeplearning4j.config.DL4JSystemProperties;

/**
 * DL4J's layer helpers, which hand a layer's work to oneDNN on a CPU (see README, "oneDNN"): on in
 * the project's configuration, off as DL4J 1.0.0-M2.1 ships. A layer takes its helper when it is
 * built, so a network built inside {@link #builtIn} keeps DL4J's own code for its whole life.
 */
public final class Dl4jHelpers {
    private Dl4jHelpers() {
    }

    /** Whether layers built now take their oneDNN helpers: the switch is on and libnd4j has oneDNN. */
    public static boolean oneDnnInUse() {
        return !Boolean.parseBoolean(System.getProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY,
                DL4JSystemProperties.HELPER_DISABLE_DEFAULT_VALUE))
                && org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
    }

    /**
     * Builds with the helpers off, as DL4J M2.1 ships (the "out of the box" of the benchmarks), and
     * restores the switch. The switch is a JVM-wide system property: a network another thread builds
     * meanwhile is built without helpers too, so call this only where nothing else builds networks.
     */
    public static <T> T builtIn(Supplier<T> build) {
        String before = System.getProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY);
        System.setProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY, "true");
        try {
            return build.get();
        } finally {
            if (before == null) {
                System.clearProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY);
            } else {
                System.setProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY, before);
            }
        }
    }
}
