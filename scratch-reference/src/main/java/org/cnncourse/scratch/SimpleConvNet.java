package org.cnncourse.scratch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The lecture's SimpleConvNet: conv - relu - pool - affine - relu - affine - softmax, with the
 * book's parameter names W1/b1 (convolution), W2/b2 (hidden affine), W3/b3 (output affine).
 */
public final class SimpleConvNet {
    /** How the weights start: the book's N(0, std²), or scaled by the fan-in. */
    public enum WeightInit { STD, HE, XAVIER }

    /**
     * The network's shape. Defaults: input 1x28x28, 30 filters 5x5, stride 1, pad 0, 2x2 max
     * pooling stride 2, 100 hidden units, 10 classes, N(0, 0.01²) weights.
     */
    public record Config(int channels, int height, int width, int filters, int filterSize, int stride, int pad,
                         int hidden, int classes, WeightInit init, double weightInitStd) {
        public static Config lecture() {
            return new Config(1, 28, 28, 30, 5, 1, 0, 100, 10, WeightInit.STD, 0.01);
        }

        public Config withInit(WeightInit i) {
            return new Config(channels, height, width, filters, filterSize, stride, pad, hidden, classes, i, weightInitStd);
        }

        int convOut(int size) {
            return ConvGeometry.outputSize("Convolution", "side", "OH", "H", "FH", size, pad, filterSize, stride, SizeRule.STRICT);
        }

        /** Values that enter the first affine layer: FN x OH/2 x OW/2. */
        public int poolOutputSize() {
            return filters * (convOut(height) / 2) * (convOut(width) / 2);
        }
    }

    private final Config config;
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Layer conv1;
    private final Layer relu1;
    private final Layer pool1;
    private final Layer affine1;
    private final Layer relu2;
    private final Layer affine2;
    private final SoftmaxWithLoss lastLayer;

    /** A new network with random weights drawn from {@code seed}. */
    public SimpleConvNet(Config config, long seed) {
        this(config, seed, SoftmaxWithLoss.LOG_DELTA);
    }

    /** @param logDelta added inside the loss's log (the book's 1e-7, or 0 for the exact cross-entropy) */
    public SimpleConvNet(Config config, long seed, double logDelta) {
        this(config, initialParams(config, new Random(seed)), logDelta);
    }

    /** A new network with random weights drawn from {@code seed}, built from the layers of {@code layers}. */
    public SimpleConvNet(Config config, long seed, LayerKit layers) {
        this(config, initialParams(config, new Random(seed)), SoftmaxWithLoss.LOG_DELTA, layers);
    }

    /**
     * A network around existing parameters (used, not copied).
     *
     * @param logDelta added inside the loss's log: the book's 1e-7, or 0 to match DL4J exactly
     */
    public SimpleConvNet(Config config, Map<String, Tensor> params, double logDelta) {
        this(config, params, logDelta, LayerKit.REFERENCE);
    }

    /** A network around existing parameters, built from the layers of {@code layers}. */
    public SimpleConvNet(Config config, Map<String, Tensor> params, double logDelta, LayerKit layers) {
        this.config = config;
        for (String name : List.of("W1", "b1", "W2", "b2", "W3", "b3")) {
            Tensor t = params.get(name);
            if (t == null) {
                throw new ShapeException("SimpleConvNet: parameter " + name + " is missing");
            }
            this.params.put(name, t);
        }
        this.conv1 = layers.convolution(this.params.get("W1"), this.params.get("b1"), config.stride(), config.stride(),
                config.pad(), config.pad(), SizeRule.STRICT);
        this.relu1 = layers.relu();
        this.pool1 = layers.pooling(Pooling.Type.MAX, 2, 2, 2, 2, 0, 0, SizeRule.TRUNCATE, false);
        this.affine1 = layers.affine(this.params.get("W2"), this.params.get("b2"));
        this.relu2 = layers.relu();
        this.affine2 = layers.affine(this.params.get("W3"), this.params.get("b3"));
        this.lastLayer = new SoftmaxWithLoss(logDelta);
        checkShapes();
    }

    private void checkShapes() {
        int fn = config.filters(), k = config.filterSize();
        expect("W1", fn, config.channels(), k, k);
        expect("b1", fn);
        expect("W2", config.poolOutputSize(), config.hidden());
        expect("b2", config.hidden());
        expect("W3", config.hidden(), config.classes());
        expect("b3", config.classes());
    }

    private void expect(String name, int... shape) {
        if (!java.util.Arrays.equals(params.get(name).shape(), shape)) {
            throw new ShapeException("SimpleConvNet: " + name + " has shape " + java.util.Arrays.toString(params.get(name).shape())
                    + ", this configuration needs " + java.util.Arrays.toString(shape));
        }
    }

    static Map<String, Tensor> initialParams(Config c, Random r) {
        int fn = c.filters(), k = c.filterSize();
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("W1", Tensor.randn(r, std(c, c.channels() * k * k), fn, c.channels(), k, k));
        p.put("b1", Tensor.zeros(fn));
        p.put("W2", Tensor.randn(r, std(c, c.poolOutputSize()), c.poolOutputSize(), c.hidden()));
        p.put("b2", Tensor.zeros(c.hidden()));
        p.put("W3", Tensor.randn(r, std(c, c.hidden()), c.hidden(), c.classes()));
        p.put("b3", Tensor.zeros(c.classes()));
        return p;
    }

    private static double std(Config c, int fanIn) {
        return switch (c.init()) {
            case STD -> c.weightInitStd();
            case HE -> Math.sqrt(2.0 / fanIn);
            case XAVIER -> Math.sqrt(1.0 / fanIn);
        };
    }

    /** Class scores (before softmax), shape (N, classes). */
    public Tensor predict(Tensor x) {
        Tensor h = conv1.forward(x);
        h = relu1.forward(h);
        h = pool1.forward(h);
        h = affine1.forward(h);
        h = relu2.forward(h);
        return affine2.forward(h);
    }

    /** Mean cross-entropy loss of the batch. */
    public double loss(Tensor x, int[] labels) {
        return lastLayer.forward(predict(x), labels);
    }

    /** Share of correct predictions, computed in batches of {@code batchSize}. */
    public double accuracy(Tensor x, int[] labels, int batchSize) {
        int n = x.dim(0), per = x.size() / n, correct = 0;
        for (int start = 0; start < n; start += batchSize) {
            int m = Math.min(batchSize, n - start);
            double[] part = new double[m * per];
            System.arraycopy(x.data(), start * per, part, 0, part.length);
            int[] shape = x.shape();
            shape[0] = m;
            int[] predicted = argmax(predict(Tensor.of(part, shape)));
            for (int i = 0; i < m; i++) {
                if (predicted[i] == labels[start + i]) {
                    correct++;
                }
            }
        }
        return (double) correct / n;
    }

    public static int[] argmax(Tensor scores) {
        int n = scores.dim(0), k = scores.dim(1);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (scores.data()[i * k + j] > scores.data()[i * k + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Gradients by backpropagation, by the book's names; the loss of this batch is returned in {@link #lastLoss()}. */
    public Map<String, Tensor> gradient(Tensor x, int[] labels) {
        lastLoss = loss(x, labels);
        Tensor d = lastLayer.backward();
        d = affine2.backward(d);
        d = relu2.backward(d);
        d = affine1.backward(d);
        d = pool1.backward(d);
        d = relu1.backward(d);
        conv1.backwardWithoutInputGradient(d); // the gradient of the input image is never used
        Map<String, Tensor> g = new LinkedHashMap<>();
        g.put("W1", conv1.grads().get("W"));
        g.put("b1", conv1.grads().get("b"));
        g.put("W2", affine1.grads().get("W"));
        g.put("b2", affine1.grads().get("b"));
        g.put("W3", affine2.grads().get("W"));
        g.put("b3", affine2.grads().get("b"));
        return g;
    }

    private double lastLoss = Double.NaN;

    public double lastLoss() {
        return lastLoss;
    }

    /** Gradients by central differences: slow, for checking {@link #gradient}. */
    public Map<String, Tensor> numericalGradient(Tensor x, int[] labels, double h) {
        Map<String, Tensor> g = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            g.put(e.getKey(), NumericalGradient.of(() -> loss(x, labels), e.getValue(), h));
        }
        return g;
    }

    /** The live parameters (changing them changes the network). */
    public Map<String, Tensor> params() {
        return params;
    }

    public Config config() {
        return config;
    }

    /** Activations after every layer for one input, in order, for visualisation. */
    public List<Map.Entry<String, Tensor>> activations(Tensor x) {
        List<Map.Entry<String, Tensor>> out = new ArrayList<>();
        Tensor h = conv1.forward(x);
        out.add(Map.entry("conv1", h));
        h = relu1.forward(h);
        out.add(Map.entry("relu1", h));
        h = pool1.forward(h);
        out.add(Map.entry("pool1", h));
        h = affine1.forward(h);
        out.add(Map.entry("affine1", h));
        h = relu2.forward(h);
        out.add(Map.entry("relu2", h));
        h = affine2.forward(h);
        out.add(Map.entry("affine2", h));
        out.add(Map.entry("softmax", SoftmaxWithLoss.softmax(h)));
        return out;
    }

    public void saveParams(Path file) throws IOException {
        ParamsFile.write(file, params);
    }

    /** A network with the parameters saved in {@code file}; shapes are checked against the configuration. */
    public static SimpleConvNet loadParams(Config config, Path file) throws IOException {
        return new SimpleConvNet(config, ParamsFile.read(file), SoftmaxWithLoss.LOG_DELTA);
    }
}
