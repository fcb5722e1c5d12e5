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
import org.cnncourse.models.SimpleConvNet;
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

    /** What the lesson wrote and measured. */
    public record Result(List<Path> pictures, double filterContrastBefore, double filterContrastAfter, double changeSmoothness,
                         List<Comparison> byHandVsDl4j, String predicted, String actual) {
    }

    /**
     * Mean over filters of the correlation between neighbouring weights (right and down
     * neighbours): about 0 for random noise, positive for smooth strokes, edges and blobs.
     */
    static double smoothness(MultiLayerNetwork net) {
        return smoothness(filters(net));
    }

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

    /**
     * The activations the book draws, by layer name: input, conv1 after its ReLU, pool1, affine1
     * (with its ReLU), softmax. Zips saved before the ReLU became a layer of its own have it
     * inside conv1; newer ones have a relu1 layer.
     */
    static List<INDArray> stagesOf(MultiLayerNetwork net, Tensor x) {
        List<INDArray> all = net.feedForward(Tensors.toNd(x).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT), false);
        Map<String, INDArray> byName = new java.util.HashMap<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            byName.put(net.getLayer(i).conf().getLayer().getLayerName(), all.get(i + 1));
        }
        return List.of(all.get(0), byName.getOrDefault("relu1", byName.get("conv1")), byName.get("pool1"),
                byName.get("affine1"), byName.get("affine2"));
    }

    public static Result draw(Path zip, Path out) {
        try {
            ModelZips.Loaded trained = ModelZips.load(zip, false);
            MultiLayerNetwork before = SimpleConvNet.build(trained.metadata().seed());
            MultiLayerNetwork after = trained.network();
            List<Path> pictures = new ArrayList<>();
            Path beforePng = out.resolve("filters-before.png"), afterPng = out.resolve("filters-after.png");
            TileImages.writePng(TileImages.grid(filters(before), 10, 12, 3), beforePng);
            TileImages.writePng(TileImages.grid(filters(after), 10, 12, 3), afterPng);
            pictures.add(beforePng);
            pictures.add(afterPng);
            // What training added: after - before, where the learned structure shows.
            List<TileImages.Tile> change = new ArrayList<>();
            List<TileImages.Tile> start = filters(before), end = filters(after);
            for (int i = 0; i < end.size(); i++) {
                double[] d = end.get(i).values().clone();
                for (int j = 0; j < d.length; j++) {
                    d[j] -= start.get(i).values()[j];
                }
                change.add(new TileImages.Tile(d, end.get(i).rows(), end.get(i).cols()));
            }
            Path changePng = out.resolve("filters-change.png");
            TileImages.writePng(TileImages.grid(change, 10, 12, 3), changePng);
            pictures.add(changePng);

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
            org.cnncourse.scratch.SimpleConvNet byHand = new org.cnncourse.scratch.SimpleConvNet(
                    org.cnncourse.scratch.SimpleConvNet.Config.lecture(),
                    org.cnncourse.lessons.support.SimpleConvNetBridge.params(after), 0.0);
            List<Map.Entry<String, Tensor>> mine = byHand.activations(one.x());
            List<Comparison> cmp = new ArrayList<>();
            cmp.add(Comparison.of("conv1-relu", mine.get(1).getValue(), Tensors.fromNd(acts.get(1)), Dl4jPrecision.FLOAT_TOLERANCE));
            cmp.add(Comparison.of("pool1", mine.get(2).getValue(), Tensors.fromNd(acts.get(2)), Dl4jPrecision.FLOAT_TOLERANCE));
            cmp.add(Comparison.of("affine1-relu", mine.get(4).getValue(), Tensors.fromNd(acts.get(3)), Dl4jPrecision.FLOAT_TOLERANCE));
            cmp.add(Comparison.of("softmax", mine.get(6).getValue(), Tensors.fromNd(acts.get(4)), Dl4jPrecision.FLOAT_TOLERANCE));
            int predicted = acts.get(4).argMax(1).getInt(0);
            return new Result(pictures, smoothness(before), smoothness(after), smoothness(change), cmp,
                    test.classNames().get(predicted), test.classNames().get(one.labels()[0]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void run(LessonOutput out) {
        Path zip = root().resolve(MODEL);
        out.section("The trained SimpleConvNet of " + MODEL);
        Result r = draw(zip, outputDir());
        for (Path p : r.pictures()) {
            out.text("  wrote %s", p);
        }
        out.text("  correlation of neighbouring filter weights (0 = noise): before %.3f, after %.3f",
                r.filterContrastBefore(), r.filterContrastAfter());
        out.text("  and of the change after - before: %.3f", r.changeSmoothness());
        out.check("what training added is smoother than the random start",
                r.changeSmoothness() > r.filterContrastBefore() + 0.1);
        out.section("Feature maps of the first test image (a " + r.actual() + "), predicted: " + r.predicted());
        out.text("  by hand with the trained parameters vs DL4J (float32 tolerance 1e-4):");
        for (Comparison c : r.byHandVsDl4j()) {
            out.compare(c);
        }
    }
}
