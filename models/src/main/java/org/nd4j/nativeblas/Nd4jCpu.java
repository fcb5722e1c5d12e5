package org.nd4j.nativeblas;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The class DL4J 1.0.0-M2.1 asks whether libnd4j was built with oneDNN before it lets a layer
 * use its oneDNN helper ({@code BaseMKLDNNHelper.mklDnnEnabled} loads
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment} by name). The M2.1 backend moved its bindings to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings}, so without this class the lookup fails and every
 * ConvolutionLayer, SubsamplingLayer and BatchNormalization falls
 * back to its built-in code, several times slower on the course's networks ({@code ./cnn-course
 * bench networks}). It answers from the build itself: yes only when the loaded libnd4j says
 * HAVE_ONEDNN. (LRN stays built-in: DL4J never gives it a oneDNN helper on CPU.)
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** What {@code BaseMKLDNNHelper} calls, by reflection: {@code getInstance().isUseMKLDNN()}. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();
        private static volatile Boolean oneDnnBuild;

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the loaded libnd4j has oneDNN inside (its build information lists HAVE_ONEDNN). */
        public boolean isUseMKLDNN() {
            if (oneDnnBuild == null) {
                Nd4j.getBackend();
                oneDnnBuild = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
            }
            return oneDnnBuild;
        }
    }
}
