package org.cnncourse.lessons.l11;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnncourse.data.ImageSet;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.Dl4jPrecision;
import org.cnncourse.lessons.support.ImageBatches;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.Tensors;
import org.cnncourse.models.Evaluations;
import org.cnncourse.models.ModelZips;
import org.cnncourse.models.Dl4jSimpleConvNet;
import org.cnncourse.scratch.SimpleConvNet;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Lesson 11: what the SimpleConvNet learned ("Visualize Filter"): its 30 first-layer filters
 * before training (random) and after, as the lecture's filter_show draws them, and the
 * feature maps of one test image at every layer.
 */
public final class Lesson11VisualizeFilters implements Lesson {
    public static final String MODEL = "models/trained/simple-convnet-fashion.zip";
    /** The by-hand network of the same training run (the same command trains both). */
    public static final String BY_HAND_PARAMS = "models/trained/simple-convnet-fashion-by-hand.params";
    /** A deeper trained network of the course, for what each depth responds to. */
    public static final String DEEPER_MODEL = "models/trained/vgg-small-fashion.zip";
    /** Test images searched for each channel's strongest responses. */
    static final int DEPTH_IMAGES = 2000;
    /** The lecture's filter_show(filters, nx=8). */
    static final int FILTERS_PER_ROW = 8;
    static final int FILTER_SCALE = 12;
    static final int GAP = 3;

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson11VisualizeFilters());
    }

    @Override
    public int number() {
        return 11;
    }

    @Override
    public String slug() {
        return "visualize-filters";
    }

    @Override
    public String title() {
        return "First-layer filters before and after training; feature maps at each layer";
    }

    @Override
    public List<Picture> pictures() {
        List<Picture> p = new ArrayList<>(List.of(
                Picture.written("filters-before.png", "DL4J: the 30 first-layer filters before training, random (filter_show: "
                        + "gray_r, the largest weight black, 8 per row)"),
                Picture.written("filters-after.png", "DL4J: the same filters after 20 epochs: edges and blobs"),
                Picture.written("filters-by-hand-before.png", "By hand: the 30 filters before training"),
                Picture.written("filters-by-hand-after.png", "By hand: the same filters after the same training")));
        String[] stages = {"0-input", "1-conv1-relu", "2-pool1", "3-affine1-relu", "4-softmax"};
        String[] captions = {"the input image", "the 30 conv1 maps after ReLU (24x24)", "the 30 pooled maps (12x12)",
            "the 100 hidden units of affine1 (as 10x10)", "the 10 class probabilities"};
        p.add(Picture.written("depth.png", "What each depth responds to, in the compact VGG: per convolution (rows, "
                + "shallow to deep), 8 channels, each with the 4 test images that excite it most, cut to the part it sees"));
        for (int i = 0; i < stages.length; i++) {
            p.add(Picture.written("feature-maps-" + stages[i] + ".png", "Feature maps of the first test image: " + captions[i]));
        }
        return p;
    }

    static Path root() {
        return Path.of(System.getProperty("cnncourse.root", "."));
    }

    static Path outputDir() {
        return Path.of(System.getProperty("cnncourse.out", "out")).resolve("lesson-11");
    }

    /** The 30 filters of a SimpleConvNet's first layer as 5x5 tiles. */
    static List<TileImages.Tile> filters(MultiLayerNetwork net) {
        INDArray w = net.getParam("0_W");
        List<TileImages.Tile> tiles = new ArrayList<>();
        for (int f = 0; f < w.size(0); f++) {
            tiles.add(tile(w, f, 0));
        }
        return tiles;
    }

    /** Plane (n, c) of a 4-D array, read element by element (indexing views of float arrays is unreliable
     * in ND4J once the default data type was switched to double, as the comparison lessons do). */
    static TileImages.Tile tile(INDArray a, int n, int c) {
        int rows = (int) a.size(2), cols = (int) a.size(3);
        double[] v = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                v[r * cols + col] = a.getDouble(n, c, r, col);
            }
        }
        return new TileImages.Tile(v, rows, cols);
    }

    /** The first layer's filters of one implementation before and after training, and how smooth they are. */
    public record Filters(String implementation, Path before, Path after, double smoothnessBefore, double smoothnessAfter) {
    }

    /** What the lesson wrote and measured. */
    public record Result(List<Filters> filters, List<Path> featureMaps, boolean lectureInit, List<Comparison> byHandVsDl4j,
                         String predicted, String actual) {
    }

    /** The by-hand network's first-layer filters, (30, 1, 5, 5), as tiles. */
    static List<TileImages.Tile> filters(SimpleConvNet net) {
        Tensor w = net.params().get("W1");
        int k = w.dim(2) * w.dim(3);
        List<TileImages.Tile> tiles = new ArrayList<>();
        for (int f = 0; f < w.dim(0); f++) {
            tiles.add(new TileImages.Tile(java.util.Arrays.copyOfRange(w.data(), f * k * w.dim(1), f * k * w.dim(1) + k),
                    w.dim(2), w.dim(3)));
        }
        return tiles;
    }

    /** Whether the zip's run started from the lecture's N(0, 0.01²) weights, as its recorded command says. */
    static boolean startedFromLectureInit(org.cnncourse.models.ModelMetadata m) {
        return m.command() != null && m.command().contains("--init lecture");
    }

    static Filters drawFilters(String implementation, List<TileImages.Tile> before, List<TileImages.Tile> after, Path out)
            throws IOException {
        String stem = implementation.equals("DL4J") ? "filters" : "filters-by-hand";
        Path beforePng = out.resolve(stem + "-before.png"), afterPng = out.resolve(stem + "-after.png");
        TileImages.writePng(TileImages.grid(before, FILTERS_PER_ROW, FILTER_SCALE, GAP, TileImages.Shade.LARGE_DARK), beforePng);
        TileImages.writePng(TileImages.grid(after, FILTERS_PER_ROW, FILTER_SCALE, GAP, TileImages.Shade.LARGE_DARK), afterPng);
        return new Filters(implementation, beforePng, afterPng, smoothness(before), smoothness(after));
    }

    /**
     * Mean over filters of the correlation between neighbouring weights (right and down
     * neighbours): about 0 for random noise, positive for smooth strokes, edges and blobs.
     */
    static double smoothness(List<TileImages.Tile> tiles) {
        double total = 0;
        for (TileImages.Tile k : tiles) {
            List<double[]> pairs = new ArrayList<>();
            for (int r = 0; r < k.rows(); r++) {
                for (int c = 0; c < k.cols(); c++) {
                    double v = k.values()[r * k.cols() + c];
                    if (c + 1 < k.cols()) {
                        pairs.add(new double[] {v, k.values()[r * k.cols() + c + 1]});
                    }
                    if (r + 1 < k.rows()) {
                        pairs.add(new double[] {v, k.values()[(r + 1) * k.cols() + c]});
                    }
                }
            }
            total += correlation(pairs);
        }
        return total / tiles.size();
    }

    static double correlation(List<double[]> pairs) {
        double ma = 0, mb = 0;
        for (double[] p : pairs) {
            ma += p[0];
            mb += p[1];
        }
        ma /= pairs.size();
        mb /= pairs.size();
        double cov = 0, va = 0, vb = 0;
        for (double[] p : pairs) {
            cov += (p[0] - ma) * (p[1] - mb);
            va += (p[0] - ma) * (p[0] - ma);
            vb += (p[1] - mb) * (p[1] - mb);
        }
        return cov / Math.sqrt(va * vb);
    }

    /** The activations the book draws, by layer name: input, conv1 after relu1, pool1, affine1 (with its ReLU), softmax. */
    static List<INDArray> stagesOf(MultiLayerNetwork net, Tensor x) {
        List<INDArray> all = net.feedForward(Tensors.toNd(x).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT), false);
        Map<String, INDArray> byName = new java.util.HashMap<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            byName.put(net.getLayer(i).conf().getLayer().getLayerName(), all.get(i + 1));
        }
        return List.of(all.get(0), byName.get("relu1"), byName.get("pool1"), byName.get("affine1"), byName.get("affine2"));
    }

    public static Result draw(Path zip, Path byHandParams, Path out) {
        try {
            ModelZips.Loaded trained = ModelZips.load(zip, false);
            long seed = trained.metadata().seed();
            boolean lectureInit = startedFromLectureInit(trained.metadata());
            // The same seed and initialisation rebuild the weights each run started from.
            MultiLayerNetwork before = lectureInit ? Dl4jSimpleConvNet.lecture(seed, org.nd4j.linalg.api.buffer.DataType.FLOAT)
                    : Dl4jSimpleConvNet.build(seed);
            MultiLayerNetwork after = trained.network();
            SimpleConvNet.Config config = SimpleConvNet.Config.lecture();
            SimpleConvNet byHandBefore = new SimpleConvNet(
                    lectureInit ? config : config.withInit(SimpleConvNet.WeightInit.HE), seed);
            SimpleConvNet byHandAfter = SimpleConvNet.loadParams(config, byHandParams);
            List<Filters> filters = List.of(drawFilters("DL4J", filters(before), filters(after), out),
                    drawFilters("by hand", filters(byHandBefore), filters(byHandAfter), out));
            List<Path> pictures = new ArrayList<>();

            ImageSet test = Evaluations.testSetOf(trained.metadata());
            ImageBatches.Batch one = ImageBatches.of(test, 0, 1);
            List<INDArray> acts = stagesOf(after, one.x());
            String[] names = {"input", "conv1-relu", "pool1", "affine1-relu", "softmax"};
            for (int i = 0; i < acts.size(); i++) {
                INDArray a = acts.get(i);
                List<TileImages.Tile> tiles = new ArrayList<>();
                int columns;
                if (a.rank() == 4) {
                    for (int c = 0; c < a.size(1); c++) {
                        tiles.add(tile(a, 0, c));
                    }
                    columns = Math.min(10, tiles.size());
                } else {
                    int n = (int) a.size(1), side = (int) Math.ceil(Math.sqrt(n));
                    double[] v = new double[side * side];
                    for (int j = 0; j < n; j++) {
                        v[j] = a.getDouble(0, j);
                    }
                    tiles.add(n == 10 ? new TileImages.Tile(java.util.Arrays.copyOf(v, 10), 1, 10) : new TileImages.Tile(v, side, side));
                    columns = 1;
                }
                int scale = tiles.get(0).rows() <= 5 ? 24 : tiles.get(0).rows() <= 12 ? 6 : 4;
                Path png = out.resolve(String.format("feature-maps-%d-%s.png", i, names[Math.min(i, names.length - 1)]));
                TileImages.writePng(TileImages.grid(tiles, columns, scale, 2), png);
                pictures.add(png);
            }

            // The same activations by hand, with the trained parameters: they agree to float32 precision.
            SimpleConvNet byHand = new SimpleConvNet(
                    SimpleConvNet.Config.lecture(),
                    org.cnncourse.lessons.support.SimpleConvNetBridge.params(after), 0.0);
            List<Map.Entry<String, Tensor>> mine = byHand.activations(one.x());
            List<Comparison> cmp = new ArrayList<>();
            cmp.add(Comparison.of("conv1-relu", mine.get(1).getValue(), Tensors.fromNd(acts.get(1)), Dl4jPrecision.FLOAT_TOLERANCE));
            cmp.add(Comparison.of("pool1", mine.get(2).getValue(), Tensors.fromNd(acts.get(2)), Dl4jPrecision.FLOAT_TOLERANCE));
            cmp.add(Comparison.of("affine1-relu", mine.get(4).getValue(), Tensors.fromNd(acts.get(3)), Dl4jPrecision.FLOAT_TOLERANCE));
            cmp.add(Comparison.of("softmax", mine.get(6).getValue(), Tensors.fromNd(acts.get(4)), Dl4jPrecision.FLOAT_TOLERANCE));
            int predicted = acts.get(4).argMax(1).getInt(0);
            return new Result(filters, pictures, lectureInit, cmp, test.classNames().get(predicted),
                    test.classNames().get(one.labels()[0]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DepthPicture.Result depth(Path zip, Path png) {
        try {
            MultiLayerNetwork net = (MultiLayerNetwork) ModelZips.load(zip, false).model();
            return DepthPicture.draw(net, org.cnncourse.data.CourseDatasets.fashionMnist(
                    org.cnncourse.data.CourseDatasets.Split.TEST), DEPTH_IMAGES, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean growing(List<DepthPicture.ConvLayer> layers) {
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).field() <= layers.get(i - 1).field()) {
                return false;
            }
        }
        return layers.size() > 1;
    }

    /** How much smoother than at the start the trained filters must be: noise is near 0, strokes and edges well above. */
    static final double SMOOTHER_BY = 0.3;

    @Override
    public void run(LessonOutput out) {
        Path zip = root().resolve(MODEL);
        out.section("The first layer's 30 filters before and after training (filter_show: gray_r, 8 per row)");
        Result r = draw(zip, root().resolve(BY_HAND_PARAMS), outputDir());
        out.text("  %s, trained from %s", MODEL, r.lectureInit() ? "the lecture's N(0, 0.01²) weights" : "He initialisation");
        out.text("  correlation of neighbouring weights in a filter, averaged over the 30 (0 for noise, towards 1 for smooth strokes):");
        for (Filters f : r.filters()) {
            out.text("  %-8s before %6.3f   after %6.3f", f.implementation(), f.smoothnessBefore(), f.smoothnessAfter());
        }
        for (Filters f : r.filters()) {
            out.check(f.implementation() + ": random before, regular after (smoother by more than " + SMOOTHER_BY + ")",
                    f.smoothnessAfter() > f.smoothnessBefore() + SMOOTHER_BY);
        }
        for (Filters f : r.filters()) {
            out.text("  pictures: %s, %s", f.before().getFileName(), f.after().getFileName());
        }
        out.section("What each depth responds to: the test images that excite a channel most, cut to what it sees");
        DepthPicture.Result depth = depth(root().resolve(DEEPER_MODEL), outputDir().resolve("depth.png"));
        out.text("  %s, the first %d channels of each convolution, the %d strongest of the first %,d test images:",
                DEEPER_MODEL, DepthPicture.CHANNELS, DepthPicture.TOP, DEPTH_IMAGES);
        for (DepthPicture.ConvLayer c : depth.layers()) {
            out.text("  %-8s sees %2dx%-2d of the 28x28 input", c.name(), Math.min(c.field(), 28), Math.min(c.field(), 28));
        }
        out.check("each convolution sees more of the image than the one before it", growing(depth.layers()));
        out.text("  picture: %s", depth.picture().getFileName());

        out.section("Feature maps of the first test image (a " + r.actual() + "), predicted: " + r.predicted());
        for (Path p : r.featureMaps()) {
            out.text("  wrote %s", p.getFileName());
        }
        out.text("  by hand with the trained parameters vs DL4J (float32 tolerance 1e-4):");
        for (Comparison c : r.byHandVsDl4j()) {
            out.compare(c);
        }
    }
}
