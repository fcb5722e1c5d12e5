package org.cnncourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The course's DL4J networks run their convolutions, pooling and batch norm on oneDNN (see
 * models/README.md, "oneDNN"), and oneDNN computes what DL4J's built-in layers compute: the same
 * network, built once with the helpers and once without, gives the same outputs and gradients.
 */
class OneDnnHelpersTest {
    /** oneDNN is the CPU backend's; on CUDA (mvn -Pcuda) the layers take cuDNN's helpers instead, and these checks do not apply. */
    @org.junit.jupiter.api.BeforeAll
    static void onTheCpuBackend() {
        org.junit.jupiter.api.Assumptions.assumeTrue("CPU".equalsIgnoreCase(
                org.nd4j.linalg.factory.Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend")),
                "oneDNN checks run on the CPU backend");
    }

    @Test
    void theBackendIsTheOneDnnBuildAndDl4jFindsIt() {
        assertTrue(org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN(),
                "libnd4j's build information lacks HAVE_ONEDNN: the pom's nd4j.backend.classifier should be linux-x86_64-onednn");
        assertTrue(BaseMKLDNNHelper.mklDnnEnabled(), "DL4J's BaseMKLDNNHelper does not see oneDNN");
        assertTrue(Dl4jHelpers.oneDnnInUse(), "the helpers are switched off: -D" + DL4JSystemProperties.DISABLE_HELPER_PROPERTY + "=false is missing");
        assertTrue(Dl4jHelpers.builtIn(() -> !Dl4jHelpers.oneDnnInUse()) && Dl4jHelpers.oneDnnInUse(), "builtIn switches them off and back on");
    }

    @Test
    void everyKindOfLayerTheCourseUsesGetsItsOneDnnHelper() {
        MultiLayerNetwork alexNet = CourseNetworks.layers(CompactArchitectures.alexNetSmall(1));
        assertInstanceOf(MKLDNNConvHelper.class, alexNet.getLayer("conv1").getHelper());
        assertInstanceOf(MKLDNNSubsamplingHelper.class, alexNet.getLayer("pool1").getHelper());
        // DL4J keeps LRN off oneDNN on CPU (its LocalResponseNormalization never creates that helper, deeplearning4j#7272).
        assertNull(alexNet.getLayer("norm1").getHelper());
        ComputationGraph resNet = CourseNetworks.graph(CompactArchitectures.resNetSmall(1));
        long batchNorms = java.util.Arrays.stream(resNet.getLayers())
                .filter(l -> l.getHelper() instanceof MKLDNNBatchNormHelper).count();
        assertTrue(batchNorms >= 13, batchNorms + " batch norms on oneDNN");
        MultiLayerNetwork builtIn = Dl4jHelpers.builtIn(() -> CourseNetworks.layers(CompactArchitectures.alexNetSmall(1)));
        assertNull(builtIn.getLayer("conv1").getHelper(), "the switch that builds the comparison networks below");
    }

    /** AlexNet-style: convolution, max pooling with overlap and LRN on both sides; dropout is off in inference. */
    @Test
    void alexNetSmallOutputsTheSameOnOneDnnAsBuiltIn() {
        DataSet batch = CompactArchitecturesTest.batch();
        MultiLayerNetwork oneDnn = CourseNetworks.layers(CompactArchitectures.alexNetSmall(7));
        MultiLayerNetwork builtIn = Dl4jHelpers.builtIn(() -> CourseNetworks.layers(CompactArchitectures.alexNetSmall(7)));
        assertEquals(oneDnn.params(), builtIn.params());
        assertClose("alexnet-small output", builtIn.output(batch.getFeatures()), oneDnn.output(batch.getFeatures()), 1e-5);
    }

    /** The gradient of every parameter, through convolutions, pooling and (ResNet) batch norm. */
    @Test
    void gradientsAreTheSameOnOneDnnAsBuiltIn() {
        DataSet batch = CompactArchitecturesTest.batch();
        ComputationGraph oneDnn = CourseNetworks.graph(CompactArchitectures.resNetSmall(7));
        ComputationGraph builtIn = Dl4jHelpers.builtIn(() -> CourseNetworks.graph(CompactArchitectures.resNetSmall(7)));
        compareGradients("resnet-small", gradient(oneDnn, batch), gradient(builtIn, batch));
        MultiLayerNetwork vggOneDnn = CourseNetworks.layers(CompactArchitectures.vggSmall(7));
        MultiLayerNetwork vggBuiltIn = Dl4jHelpers.builtIn(() -> CourseNetworks.layers(CompactArchitectures.vggSmall(7)));
        compareGradients("vgg-small", gradient(vggOneDnn, batch), gradient(vggBuiltIn, batch));
    }

    /** One training-mode gradient; the generator is reset first so that dropout draws the same masks on both sides. */
    static Map<String, INDArray> gradient(Model net, DataSet batch) {
        org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(11);
        if (net instanceof ComputationGraph g) {
            g.setInputs(batch.getFeatures());
            g.setLabels(batch.getLabels());
            g.computeGradientAndScore();
        } else {
            MultiLayerNetwork m = (MultiLayerNetwork) net;
            m.setInput(batch.getFeatures());
            m.setLabels(batch.getLabels());
            m.computeGradientAndScore();
        }
        Map<String, INDArray> copy = new java.util.TreeMap<>();
        net.gradient().gradientForVariable().forEach((name, g) -> copy.put(name, g.dup()));
        return copy;
    }

    static void compareGradients(String network, Map<String, INDArray> oneDnn, Map<String, INDArray> builtIn) {
        assertEquals(builtIn.keySet(), oneDnn.keySet(), network + ": the same parameters");
        for (String name : builtIn.keySet()) {
            assertClose(network + " gradient " + name, builtIn.get(name), oneDnn.get(name), 1e-3);
        }
    }

    /** Float32 on both sides, summed in another order: close to a fraction of the largest value, not equal. */
    static void assertClose(String what, INDArray expected, INDArray actual, double relative) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        double scale = Math.max(1e-12, expected.amaxNumber().doubleValue());
        double worst = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(worst <= relative * scale, what + ": largest difference " + worst + " against largest value " + scale);
    }
}
