package org.cnncourse.models;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import org.cnncourse.data.ImageSet;
import org.cnncourse.data.PipelineOptions;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/** The networks the course trains, by the names the commands use, each with the input side it wants. */
public final class CourseNetworks {
    private CourseNetworks() {
    }

    /**
     * @param build  a fresh, initialised float32 network for a seed
     * @param side   input side: 28, or 32 for LeNet-5 (the 28x28 datasets are padded)
     * @param byHand whether the scratch reference has the same network (SimpleConvNet only)
     * @param graph  a ComputationGraph rather than a MultiLayerNetwork
     */
    public record Network(String name, LongFunction<Model> build, int side, boolean byHand, boolean graph) {
        /** The pipeline options with the images padded to this network's input side when they are smaller (LeNet-5). */
        public PipelineOptions fitTo(PipelineOptions options, ImageSet images) {
            return side > images.rows() ? options.withPadTo(side) : options;
        }
    }

    /** In course order. */
    public static final Map<String, Network> ALL;

    static {
        Map<String, Network> m = new LinkedHashMap<>();
        add(m, new Network("simple-convnet", seed -> layers(Dl4jSimpleConvNet.configuration(28, 28, 1, 10, seed, DataType.FLOAT)),
                28, true, false));
        add(m, new Network("lenet5", seed -> layers(LeNet5.configuration(seed, DataType.FLOAT, new Adam(1e-3))), 32, false, false));
        add(m, new Network("alexnet-small", seed -> layers(CompactArchitectures.alexNetSmall(seed)), 28, false, false));
        add(m, new Network("vgg-small", seed -> layers(CompactArchitectures.vggSmall(seed)), 28, false, false));
        add(m, new Network("inception-small", seed -> graph(CompactArchitectures.inceptionSmall(seed)), 28, false, true));
        add(m, new Network("resnet-small", seed -> graph(CompactArchitectures.resNetSmall(seed)), 28, false, true));
        add(m, new Network("resnet-20", seed -> graph(CompactArchitectures.resNet20(seed)), 28, false, true));
        ALL = Collections.unmodifiableMap(m);
    }

    private static void add(Map<String, Network> m, Network n) {
        m.put(n.name(), n);
    }

    /** The network of that name (hyphens optional: simpleconvnet, resnet_small), or an error that lists the names. */
    public static Network get(String name) {
        Network n = ALL.get(name);
        if (n == null) {
            String loose = name.replace("-", "").replace("_", "").toLowerCase(java.util.Locale.ROOT);
            n = ALL.values().stream().filter(x -> x.name().replace("-", "").equals(loose)).findFirst().orElse(null);
        }
        if (n == null) {
            throw new IllegalArgumentException("unknown network '" + name + "'; available: " + String.join(", ", ALL.keySet()));
        }
        return n;
    }

    /** An initialised network of this configuration. */
    static MultiLayerNetwork layers(org.deeplearning4j.nn.conf.MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** An initialised graph of this configuration. */
    static ComputationGraph graph(org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf) {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }
}
